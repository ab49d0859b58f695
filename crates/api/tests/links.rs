//! A map's link to a sync room: the server kind is stored with it, an
//! unknown kind is refused, and the token never leaves the library.

use waymark_api::{Library, LinkSpec, Protocol, Secret, TokenVia};

fn spec(protocol: Protocol) -> LinkSpec {
    LinkSpec {
        server: "ws://127.0.0.1:1234/".into(),
        room: "team-map".into(),
        token: Some(Secret::new("s3cr3t")),
        token_via: TokenVia::Query,
        protocol,
    }
}

#[test]
fn the_server_kind_is_stored_with_the_link_and_shown_without_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.db");
    let lib = Library::open(&path).unwrap();
    let id = lib.create_map(Some("bank-lost-card"), None).unwrap();
    lib.link_map(&id, &spec(Protocol::Hocuspocus)).unwrap();
    drop(lib);
    let lib = Library::open(&path).unwrap();
    let link = lib.map_link(&id).unwrap().unwrap();
    assert_eq!(link.protocol, Protocol::Hocuspocus);
    assert_eq!(link.spec().protocol, Protocol::Hocuspocus);
    let json = serde_json::to_value(&link).unwrap();
    assert_eq!(json["protocol"], "hocuspocus");
    assert!(!json.to_string().contains("s3cr3t"), "{json}");

    // Linking again with the other kind replaces it.
    lib.link_map(&id, &spec(Protocol::YWebsocket)).unwrap();
    let link = lib.map_link(&id).unwrap().unwrap();
    assert_eq!(
        serde_json::to_value(&link).unwrap()["protocol"],
        "y-websocket"
    );
}

#[test]
fn the_server_kind_parses_from_its_names_only() {
    assert_eq!(
        "hocuspocus".parse::<Protocol>().unwrap(),
        Protocol::Hocuspocus
    );
    assert_eq!(
        "y-websocket".parse::<Protocol>().unwrap(),
        Protocol::YWebsocket
    );
    let err = "phoenix-channels"
        .parse::<Protocol>()
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("\"phoenix-channels\"") && err.contains("hocuspocus"),
        "{err}"
    );
    assert_eq!(Protocol::default(), Protocol::YWebsocket);
}
