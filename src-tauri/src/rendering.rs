//! How WebKitGTK draws the window on Linux.
//!
//! WebKitGTK composites every frame with OpenGL. Without a GPU (virtual
//! machines, remote desktops, Xvfb) Mesa runs that OpenGL on the CPU, and
//! panning the 600-touchpoint map cost about 50 ms of CPU a frame (20 fps)
//! instead of 12 ms (60 fps) with compositing off; see the desktop benchmark
//! in the README. A machine with a GPU keeps the default.
//!
//! Compositing is turned off rather than only the DMA-BUF renderer
//! (`WEBKIT_DISABLE_DMABUF_RENDERER`, as fast here): newer WebKitGTK releases
//! are reported to crash with that variable once a page needs a compositing
//! layer, while this one skips accelerated compositing altogether.

use std::path::Path;

/// The variable WebKitGTK reads at start-up; "0" keeps compositing on.
pub const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Whether to turn compositing off: only when the user has not chosen either
/// way and the machine has no GPU render node to draw with.
pub fn disable_compositing(user_choice: Option<&str>, dri: &Path) -> bool {
    user_choice.is_none() && !has_render_node(dri)
}

fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri)
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false)
}

/// Applies [`disable_compositing`] to this process. Call before any thread starts:
/// the environment is read by WebKit's processes, which inherit it.
pub fn choose_renderer() {
    if cfg!(target_os = "linux")
        && disable_compositing(
            std::env::var(DISABLE_COMPOSITING).ok().as_deref(),
            Path::new("/dev/dri"),
        )
    {
        std::env::set_var(DISABLE_COMPOSITING, "1");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_render_node_turns_the_renderer_off_unless_the_user_chose() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("dri");
        assert!(disable_compositing(None, &missing));
        std::fs::create_dir(&missing).unwrap();
        std::fs::write(missing.join("card0"), "").unwrap();
        assert!(
            disable_compositing(None, &missing),
            "a card without a render node"
        );
        std::fs::write(missing.join("renderD128"), "").unwrap();
        assert!(!disable_compositing(None, &missing));
        assert!(!disable_compositing(Some("0"), dir.path()));
        assert!(!disable_compositing(Some("1"), &missing));
    }
}
