//! WebSockets: `tests/apps/websocket` served by the real `nano` binary and
//! driven by a real client (tungstenite over a std TcpStream).

mod common;

use std::time::{Duration, Instant};

use common::websocket::{connect, next, Socket};
use common::Server;
use tungstenite::protocol::frame::coding::{CloseCode, Data, OpCode};
use tungstenite::protocol::frame::{CloseFrame, Frame};
use tungstenite::Message;

fn close_frame(message: Message) -> CloseFrame {
    match message {
        Message::Close(Some(frame)) => frame,
        other => panic!("expected a close frame, got {other:?}"),
    }
}

/// The app on one core (so its metrics are those of core 0).
fn serve(extra: &[&str]) -> Server {
    let mut args = vec!["--cores", "1"];
    args.extend_from_slice(extra);
    Server::nano("websocket", &args)
}

#[test]
fn echoes_text_binary_and_fragmented_messages_and_answers_pings() {
    let server = serve(&[]);
    let mut socket = connect(server.addr, "/echo");
    socket.send(Message::text("hello")).unwrap();
    assert_eq!(next(&mut socket), Message::text("hello"));

    let bytes: Vec<u8> = (0..=255).collect();
    socket.send(Message::binary(bytes.clone())).unwrap();
    assert_eq!(next(&mut socket), Message::binary(bytes));

    // One text message in three frames.
    let parts = [
        ("frag", OpCode::Data(Data::Text), false),
        ("ment", OpCode::Data(Data::Continue), false),
        ("ed", OpCode::Data(Data::Continue), true),
    ];
    for (part, opcode, last) in parts {
        socket
            .write(Message::Frame(Frame::message(part, opcode, last)))
            .unwrap();
    }
    socket.flush().unwrap();
    assert_eq!(next(&mut socket), Message::text("fragmented"));

    socket.send(Message::Ping("are you there".into())).unwrap();
    match socket.read().unwrap() {
        Message::Pong(payload) => assert_eq!(&payload[..], b"are you there"),
        other => panic!("expected a pong, got {other:?}"),
    }

    // The connection is counted as a WebSocket, with its messages once it
    // closes.
    let metrics = server.admin_get("/metrics").text();
    assert!(
        metrics.contains("nano_websockets{core=\"0\"} 1\n"),
        "{metrics}"
    );
    socket
        .close(Some(CloseFrame {
            code: CloseCode::Normal,
            reason: "client done".into(),
        }))
        .unwrap();
    let reply = close_frame(next(&mut socket));
    assert_eq!(
        (reply.code, reply.reason.as_str()),
        (CloseCode::Normal, "client done")
    );
    let logged = server.wait_for_log(Duration::from_secs(5), |line| {
        line.contains("socket closed: 1000 \"client done\" clean=true")
    });
    assert!(logged.is_some(), "{:?}", server.logs());
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let metrics = server.admin_get("/metrics").text();
        if metrics.contains("nano_websocket_messages_received_total{core=\"0\"} 3\n")
            && metrics.contains("nano_websocket_messages_sent_total{core=\"0\"} 3\n")
            && metrics.contains("nano_websockets{core=\"0\"} 0\n")
        {
            break;
        }
        assert!(Instant::now() < deadline, "{metrics}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_app_closes_with_its_code_and_reason() {
    let server = serve(&[]);
    let mut socket = connect(server.addr, "/echo");
    socket
        .send(Message::text("close 4000 bye for now"))
        .unwrap();
    let frame = close_frame(next(&mut socket));
    assert_eq!(u16::from(frame.code), 4000);
    assert_eq!(frame.reason.as_str(), "bye for now");
    // tungstenite answered the close; the server then ends the connection.
    assert!(matches!(
        socket.read(),
        Err(tungstenite::Error::ConnectionClosed)
    ));
    let logged = server.wait_for_log(Duration::from_secs(5), |line| {
        line.contains("socket closed: 4000 \"bye for now\" clean=true")
    });
    assert!(logged.is_some(), "{:?}", server.logs());
}

#[test]
fn a_message_over_the_limit_is_answered_with_1009() {
    let server = serve(&[]);
    let mut socket = connect(server.addr, "/echo");
    socket.send(Message::text("small first")).unwrap();
    assert_eq!(next(&mut socket), Message::text("small first"));
    // One byte over 1 MiB; the server may stop reading before all of it.
    let _ = socket.send(Message::binary(vec![7u8; (1 << 20) + 1]));
    let frame = close_frame(next(&mut socket));
    assert_eq!(frame.code, CloseCode::Size);
    let logged = server.wait_for_log(Duration::from_secs(5), |line| {
        line.contains("socket closed: 1009") && line.contains("clean=false")
    });
    assert!(logged.is_some(), "{:?}", server.logs());
    // The server keeps serving.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn a_thousand_sockets_at_once() {
    let server = Server::nano("websocket", &["--cores", "2"]);
    let mut sockets: Vec<Socket> = (0..1000).map(|_| connect(server.addr, "/echo")).collect();
    for (i, socket) in sockets.iter_mut().enumerate() {
        socket.send(Message::text(format!("socket {i}"))).unwrap();
    }
    for (i, socket) in sockets.iter_mut().enumerate() {
        assert_eq!(next(socket), Message::text(format!("socket {i}")));
    }
    let metrics = server.admin_get("/metrics").text();
    let open: u64 = metrics
        .lines()
        .filter(|line| line.starts_with("nano_websockets{"))
        .filter_map(|line| line.rsplit(' ').next()?.parse::<u64>().ok())
        .sum();
    assert_eq!(open, 1000, "{metrics}");
    for socket in &mut sockets {
        socket.close(None).unwrap();
    }
    for socket in &mut sockets {
        assert!(matches!(next(socket), Message::Close(_)));
    }
}

#[test]
fn a_client_that_goes_away_without_a_close_frame_gives_1006() {
    let server = serve(&[]);
    let mut socket = connect(server.addr, "/echo");
    socket.send(Message::text("hi")).unwrap();
    assert_eq!(next(&mut socket), Message::text("hi"));
    drop(socket);
    let logged = server.wait_for_log(Duration::from_secs(5), |line| {
        line.contains("socket closed: 1006 \"WebSocket disconnected without sending Close frame.\" clean=false")
    });
    assert!(logged.is_some(), "{:?}", server.logs());
}

#[test]
fn a_socket_holds_its_connection_slot_until_it_closes() {
    let server = serve(&["--max-connections", "1"]);
    let mut socket = connect(server.addr, "/echo");
    // The only slot is the socket's, and it is not idle: no room.
    assert_eq!(server.get("/").status, 503);
    socket.close(None).unwrap();
    assert!(matches!(next(&mut socket), Message::Close(_)));
    let deadline = Instant::now() + Duration::from_secs(5);
    while server.get("/").status != 200 {
        assert!(Instant::now() < deadline, "the slot was not given back");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_drain_closes_open_sockets_with_1001() {
    let mut server = serve(&["--shutdown-delay", "0", "--drain-timeout", "10"]);
    let mut socket = connect(server.addr, "/echo");
    socket.send(Message::text("before")).unwrap();
    assert_eq!(next(&mut socket), Message::text("before"));
    server.signal("TERM");
    let frame = close_frame(next(&mut socket));
    assert_eq!(frame.code, CloseCode::Away);
    // Our reply completes the handshake; the server then exits at once
    // rather than waiting out the drain timeout.
    let _ = socket.read();
    let status = server
        .wait_exit(Duration::from_secs(5))
        .expect("the server exits once its socket closed");
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_101_to_a_request_that_is_no_upgrade_is_a_500() {
    let server = serve(&[]);
    let response = server.get("/unchecked");
    assert_eq!(response.status, 500);
    let logged = server.wait_for_log(Duration::from_secs(5), |line| {
        line.contains(
            "answered 101 with a WebSocket, but the request has no Upgrade: websocket header",
        )
    });
    assert!(logged.is_some(), "{:?}", server.logs());
    // The app's end was told the socket never opened.
    let closed = server.wait_for_log(Duration::from_secs(5), |line| {
        line.contains("socket closed: 1006")
    });
    assert!(closed.is_some(), "{:?}", server.logs());
}

#[test]
fn the_api_and_its_errors_follow_workers() {
    let server = serve(&[]);
    let response = server.get("/checks");
    assert_eq!(response.status, 200);
    let results: serde_json::Value = serde_json::from_str(&response.text()).unwrap();
    let expect = serde_json::json!({
        "keys": ["0", "1"],
        "iterable": 2,
        "readyState": 1,
        "binaryType": "arraybuffer",
        "constants": [0, 1, 2, 3],
        "sendBeforeAccept": "TypeError: You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages.",
        "status101WithoutSocket": "RangeError: Response: status 101 is outside the range [200, 599]",
        "socketWithStatus200": "RangeError: Response: a response with a webSocket must have status 101, not 200",
        "notASocket": "TypeError: Response: webSocket must be a WebSocket",
        "newWebSocket": "TypeError: new WebSocket(url) is not supported: open a WebSocket with fetch(url, { headers: { Upgrade: \"websocket\" } })",
        "badCloseCode": "TypeError: Invalid WebSocket close code: 1005.",
        "reasonWithoutCode": "TypeError: If you specify a WebSocket close reason, you must also specify a code.",
        "responseStatus": 101,
        "responseHasSocket": true,
        "event": 1000,
        "message": "d",
    });
    assert_eq!(results, expect);

    // Handing the client the end the app accepted fails the request.
    let mut upgrade = server.client();
    upgrade.send(
        "GET /accepted-end HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
    );
    assert_eq!(upgrade.response().status, 500);
    let logged = server.wait_for_log(Duration::from_secs(5), |line| {
        line.contains("Can't return WebSocket in a Response after calling accept().")
    });
    assert!(logged.is_some(), "{:?}", server.logs());
}

#[test]
fn a_throwing_message_listener_is_logged_and_the_socket_stays_open() {
    let server = serve(&[]);
    let mut socket = connect(server.addr, "/echo");
    socket.send(Message::text("throw")).unwrap();
    socket.send(Message::text("still here")).unwrap();
    assert_eq!(next(&mut socket), Message::text("still here"));
    let logged = server.wait_for_log(Duration::from_secs(5), |line| {
        line.contains("message handler failed on purpose")
    });
    assert!(logged.is_some(), "{:?}", server.logs());
}

#[test]
fn a_message_listener_past_the_cpu_limit_closes_its_socket_with_1011() {
    let server = serve(&["--cpu-limit-ms", "50"]);
    let mut other = connect(server.addr, "/echo");
    let mut socket = connect(server.addr, "/echo");
    socket.send(Message::text("loop")).unwrap();
    let frame = close_frame(next(&mut socket));
    assert_eq!(frame.code, CloseCode::Error);
    // Every socket of the terminated isolate closes the same way; new
    // requests and sockets get a new isolate.
    assert_eq!(close_frame(next(&mut other)).code, CloseCode::Error);
    assert_eq!(server.get("/").status, 200);
    let mut fresh = connect(server.addr, "/echo");
    fresh.send(Message::text("again")).unwrap();
    assert_eq!(next(&mut fresh), Message::text("again"));
}

#[test]
fn an_upgrading_fetch_returns_a_response_with_a_web_socket() {
    let echo = serve(&[]);
    let server = serve(&[]);
    let response = server.get(&format!("/outbound?to=http://{}/echo", echo.addr));
    assert_eq!(
        response.text(),
        "101 through fetch 1000",
        "{:?}",
        server.logs()
    );
    assert_eq!(response.status, 200);
}

#[test]
fn a_fetched_socket_returned_as_it_is_is_proxied() {
    let echo = serve(&[]);
    let server = serve(&[]);
    let path = format!("/proxy?to=http://{}/echo", echo.addr);
    let mut socket = connect(server.addr, &path);
    socket.send(Message::text("via the proxy")).unwrap();
    assert_eq!(next(&mut socket), Message::text("via the proxy"));
    socket.send(Message::binary(vec![1, 2, 3])).unwrap();
    assert_eq!(next(&mut socket), Message::binary(vec![1, 2, 3]));
    socket
        .send(Message::text("close 4001 from upstream"))
        .unwrap();
    let frame = close_frame(next(&mut socket));
    assert_eq!(
        (u16::from(frame.code), frame.reason.as_str()),
        (4001, "from upstream")
    );
}
