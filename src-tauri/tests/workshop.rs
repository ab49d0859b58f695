//! Hosting a workshop from the window: start, status, stop.

mod common;

use common::*;

#[test]
fn workshop_commands_start_report_and_stop_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = app_with_library(&dir.path().join("lib.db"));
    let id = call_create(&webview);
    let call = |cmd: &str, body: serde_json::Value| json_call(&webview, cmd, body);
    let addresses = call("workshop_addresses", serde_json::json!({})).unwrap();
    assert!(
        addresses
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["lan"] == false),
        "loopback is offered: {addresses}"
    );
    let status = call("workshop_status", serde_json::json!({})).unwrap();
    assert_eq!(status, serde_json::Value::Null, "nothing listens yet");

    let err = call(
        "workshop_start",
        serde_json::json!({ "id": id, "options": { "ip": "not an address" } }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid", "{err}");
    let info = call(
        "workshop_start",
        serde_json::json!({ "id": id, "options": { "ip": "127.0.0.1", "port": null } }),
    )
    .unwrap();
    let addr: std::net::SocketAddr = info["address"].as_str().unwrap().parse().unwrap();
    assert!(addr.ip().is_loopback() && addr.port() != 0, "{info}");
    assert_eq!(info["code"].as_str().unwrap().len(), 6);
    assert!(info["qr_svg"].as_str().unwrap().starts_with("<svg"));
    let join = info["join_url"].as_str().unwrap();
    let token = join
        .split("token=")
        .nth(1)
        .unwrap()
        .split('#')
        .next()
        .unwrap();
    assert_eq!(
        http_status(addr, &format!("/api/workshop?token={token}")),
        200
    );
    assert_eq!(http_status(addr, "/api/workshop"), 401);

    // The same map again: the same workshop. Another map: refused.
    let again = call("workshop_start", serde_json::json!({ "id": id })).unwrap();
    assert_eq!(again["join_url"], info["join_url"]);
    let other = call_create(&webview);
    let err = call("workshop_start", serde_json::json!({ "id": other })).unwrap_err();
    assert!(
        err["message"].as_str().unwrap().contains("another map"),
        "{err}"
    );
    let status = call("workshop_status", serde_json::json!({})).unwrap();
    assert_eq!(status["running"], true);

    let summary = call("workshop_stop", serde_json::json!({})).unwrap();
    assert_eq!(summary["maps"][0]["id"], id.as_str());
    assert_eq!(
        call("workshop_status", serde_json::json!({})).unwrap(),
        serde_json::Value::Null
    );
    assert!(std::net::TcpStream::connect(addr).is_err(), "stopped");
    assert_eq!(
        call("workshop_stop", serde_json::json!({})).unwrap(),
        serde_json::Value::Null
    );
}
