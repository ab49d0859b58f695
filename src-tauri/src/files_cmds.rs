//! The desktop-only file commands: open a written file with its program (or
//! show it in its folder), and save bytes the UI made (a PNG of the canvas)
//! as a raw body. Reading and writing files by path otherwise goes through
//! the command table (`waymark_api::rpc::files`).

use std::path::PathBuf;

use tauri::ipc::Request;
use tauri::{AppHandle, Runtime};
use tauri_plugin_opener::OpenerExt;
use waymark_api::ApiError;

use crate::body_bytes;

/// The header naming the file a `save_binary_file` body goes to,
/// percent-encoded (`encodeURIComponent`) because headers are ASCII.
pub const PATH_HEADER: &str = "waymark-path";

fn chosen_path(path: &str) -> Result<PathBuf, ApiError> {
    waymark_api::files::user_path(path).ok_or_else(|| ApiError::Invalid("choose a file".into()))
}

/// Opens a file the app wrote with the system's default program, or shows
/// it in the file manager (`reveal`).
#[tauri::command]
pub async fn open_path<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    reveal: bool,
) -> Result<(), ApiError> {
    let path = chosen_path(&path)?;
    let res = if reveal {
        app.opener().reveal_item_in_dir(&path)
    } else {
        app.opener()
            .open_path(path.display().to_string(), None::<&str>)
    };
    res.map_err(|e| ApiError::io(if reveal { "show" } else { "open" }, &path, e))
}

/// Writes bytes the UI made (a PNG of the canvas) to the path in the
/// [`PATH_HEADER`] header; the body is the raw bytes. Returns the absolute path.
#[tauri::command]
pub async fn save_binary_file(request: Request<'_>) -> Result<String, ApiError> {
    let bytes = body_bytes(&request, "save_binary_file")?;
    let path = request
        .headers()
        .get(PATH_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(percent_decode)
        .ok_or_else(|| {
            ApiError::Invalid("save_binary_file needs the waymark-path header".into())
        })?;
    let path = chosen_path(&path)?;
    waymark_api::files::write_atomically(&path, &bytes)
        .map_err(|e| ApiError::io("write", &path, e))?;
    Ok(path.display().to_string())
}

/// Decodes `encodeURIComponent` output; `None` when it is not valid UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn percent_decoding_reads_encode_uri_component() {
        use super::percent_decode;
        assert_eq!(
            percent_decode("%2Fhome%2Fa%20b%2Fcarte%20%C3%A9t%C3%A9.png").as_deref(),
            Some("/home/a b/carte été.png")
        );
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%C3"), None);
    }
}
