//! The serve loop's guards: a silent connection, an idle kept-alive one and a stalled body are
//! closed; idle connections piling up from one address leave the server answering others, even
//! with the open-file limit (256) the issue measured.

mod common;

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

use common::*;

/// Reads until `needle` appears or the server closes the connection; what was read.
fn read_until(stream: &mut TcpStream, needle: &str) -> String {
    // Only a guard against hanging forever when the server keeps the connection open.
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return String::from_utf8_lossy(&got).into_owned(),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) => panic!("the server kept the connection open: {e} (read so far: {got:?})"),
        }
        let text = String::from_utf8_lossy(&got);
        if !needle.is_empty() && text.contains(needle) {
            return text.into_owned();
        }
    }
}

#[test]
fn silent_and_idle_connections_and_stalled_bodies_are_closed() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["--header-timeout", "1", "--body-timeout", "1"]);
    let address = format!("127.0.0.1:{}", server.port);

    // Connected, never a byte sent: closed (hyper may say 408 first).
    let mut silent = TcpStream::connect(&address).unwrap();
    let said = read_until(&mut silent, "");
    assert!(said.is_empty() || said.starts_with("HTTP/1.1 408"), "{said}");

    // One request answered on a kept-alive connection, then idle: closed too.
    let mut idle = TcpStream::connect(&address).unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let said = read_until(&mut idle, "");
    assert!(said.starts_with("HTTP/1.1 200") && said.ends_with("ok"), "{said}");

    // Headers complete, then the body stops: 408 bodyTimeout.
    let mut stalled = TcpStream::connect(&address).unwrap();
    let head = format!(
        "POST /v1/submissions HTTP/1.1\r\nHost: x\r\nOrigin: {ORIGIN}\r\nContent-Type: application/jose+json\r\nContent-Length: 1000\r\n\r\n{{\"protected\""
    );
    stalled.write_all(head.as_bytes()).unwrap();
    let said = read_until(&mut stalled, "bodyTimeout");
    assert!(said.starts_with("HTTP/1.1 408") && said.contains("\"bodyTimeout\""), "{said}");

    // The server itself is fine.
    assert_eq!(http().get(format!("{}/healthz", server.base)).send().unwrap().status(), 200);
}

#[test]
fn idle_connections_from_one_address_leave_the_server_answering_others() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    // The measurement: 256 open files, 260 idle connections stopped the server answering.
    let mut limited = Command::new("prlimit");
    limited.args(["--nofile=256:256", BIN]);
    let server = Server::start_with(limited, port, dir.path(), &[], &[]);
    let idle: Vec<TcpStream> =
        (0..300).map(|_| TcpStream::connect(("127.0.0.1", port)).expect("connect to the listener")).collect();

    // Another address (all of 127/8 is loopback) is answered: a nonce, then a stored submission.
    let other = reqwest::blocking::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let health = other.get(format!("{}/healthz", server.base)).send().expect("answered while idle connections wait");
    assert_eq!(health.status(), 200);
    let nonce: serde_json::Value =
        other.get(format!("{}/v1/nonce", server.base)).header("Origin", ORIGIN).send().unwrap().json().unwrap();
    let env = sign(
        &careform_seal::generate_key(),
        &server.base,
        nonce["nonce"].as_str().unwrap(),
        &payload(&server.base, &new_sid(), hello()),
    );
    let stored = other
        .post(format!("{}/v1/submissions", server.base))
        .header("Content-Type", "application/jose+json")
        .header("Origin", ORIGIN)
        .body(env.to_json())
        .send()
        .unwrap();
    assert_eq!(stored.status(), 201);

    // Once the idle connections go, their address is served again.
    drop(idle);
    let again = (0..50).find_map(|_| {
        let r = http().get(format!("{}/healthz", server.base)).send().ok().filter(|r| r.status() == 200);
        if r.is_none() {
            std::thread::sleep(Duration::from_millis(100));
        }
        r
    });
    assert!(again.is_some(), "127.0.0.1 is answered once its idle connections close");
}

/// Behind a reverse proxy named with --trusted-proxy, each client it forwards for has its own
/// rate limit (from X-Forwarded-For) and the proxy's many connections are not capped per address;
/// from any other peer the header is ignored, so a client cannot pick a fresh address per request.
#[test]
fn a_trusted_proxy_forwards_each_clients_own_address() {
    let dir = tempfile::tempdir().unwrap();
    let limits = ["--trusted-proxy", "127.0.0.1", "--rate-limit-per-minute", "2", "--max-connections-per-address", "2"];
    let server = Server::start(dir.path(), &limits);
    let forms = format!("{}/v1/forms", server.base);
    let via = |client: &reqwest::blocking::Client, forwarded: &str| {
        client.get(&forms).header("X-Forwarded-For", forwarded).send().unwrap().status().as_u16()
    };
    let proxy = http();
    assert_eq!([via(&proxy, "203.0.113.1"), via(&proxy, "203.0.113.1")], [200, 200]);
    assert_eq!(via(&proxy, "203.0.113.1"), 429, "the forwarded client's own limit");
    assert_eq!(via(&proxy, "198.51.100.7, 203.0.113.2"), 200, "another client, whatever it wrote itself");
    assert_eq!(via(&proxy, "203.0.113.2"), 200);
    assert_eq!(via(&proxy, "10.0.0.1, 203.0.113.2"), 429);

    let direct = reqwest::blocking::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let statuses: Vec<u16> = (0..3).map(|n| via(&direct, &format!("192.0.2.{n}"))).collect();
    assert_eq!(statuses, [200, 200, 429], "an untrusted peer's X-Forwarded-For is ignored");

    // Past --max-connections-per-address from the proxy, its connections are still served.
    let address = format!("127.0.0.1:{}", server.port);
    let held: Vec<TcpStream> = (0..4).map(|_| TcpStream::connect(&address).unwrap()).collect();
    let mut more = TcpStream::connect(&address).unwrap();
    more.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let said = read_until(&mut more, "");
    assert!(said.starts_with("HTTP/1.1 200"), "{said}");
    drop(held);
}
