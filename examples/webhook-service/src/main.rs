//! `cargo run -p webhook-service`: the reference webhook service, configured by environment
//! variables (see the README).

use std::sync::Arc;

use waba::model::seen::SEEN_HORIZON_DEFAULT;
use waba::model::subscribe::VerifyToken;
use waba::{Config, Inbox};
use webhook_service::store::Sqlite;
use webhook_service::{Graph, Service, router, system_clock};

/// An environment variable, or its default (`None`: required).
fn var(name: &str, default: Option<&str>) -> Result<String, String> {
    let value = std::env::var(name).ok().or(default.map(str::to_owned));
    value.ok_or_else(|| format!("{name} is not set (see examples/webhook-service/README.md)"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = match std::env::var("WABA_OPTIONS") {
        Ok(path) => Config::from_json_slice(&std::fs::read(path)?)?.0,
        Err(_) => Config::default(),
    };
    let graph_base = var(
        "WABA_GRAPH_API_BASE",
        Some("https://graph.facebook.com/v23.0"),
    )?;
    let service = Arc::new(Service {
        config,
        inbox: Inbox::signed(var("WABA_APP_SECRET", None)?.split(','))?,
        verify_token: VerifyToken::new(var("WABA_VERIFY_TOKEN", None)?)?,
        store: Box::new(Sqlite::open(&var(
            "WABA_DATABASE",
            Some("webhook-service.sqlite3"),
        )?)?),
        graph: Graph::new(&graph_base, var("WABA_GRAPH_API_TOKEN", Some(""))?)?,
        clock: Arc::new(system_clock),
        channel: (
            var("WABA_CHANNEL", Some("channel-ghub"))?,
            var("WABA_SERVER", Some("DigitalMessagingServer"))?,
        ),
    });
    // Meta redelivers for days, not forever: seen ids older than the horizon go, hourly.
    let pruned = service.clone();
    tokio::spawn(async move {
        let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            hourly.tick().await;
            let (s, before) = (pruned.clone(), system_clock() - SEEN_HORIZON_DEFAULT);
            let _ = tokio::task::spawn_blocking(move || s.store.forget_seen_before(before)).await;
        }
    });
    let listener =
        tokio::net::TcpListener::bind(var("WABA_LISTEN", Some("127.0.0.1:8080"))?).await?;
    eprintln!(
        "webhook-service: listening on http://{}",
        listener.local_addr()?
    );
    let stop = async { _ = tokio::signal::ctrl_c().await };
    Ok(axum::serve(listener, router(service))
        .with_graceful_shutdown(stop)
        .await?)
}
