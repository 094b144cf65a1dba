//! A bounded load run: the service on a loopback port with a fresh SQLite file (WAL), and N signed
//! deliveries posted to it by C concurrent clients; prints deliveries per second and the p50/p99
//! latency, then stops.
//!
//! ```sh
//! cargo run --release -p webhook-service --bin load -- --deliveries 20000 --concurrency 32
//! ```
//!
//! Each delivery is one text message from one of `--customers` customers (so most deliveries
//! touch a conversation that exists: a read, an apply and a write), with its own message id.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use waba::model::subscribe::VerifyToken;
use waba::{Config, Inbox};
use webhook_service::store::Sqlite;
use webhook_service::{Graph, Service, router, system_clock};

struct Args {
    deliveries: usize,
    concurrency: usize,
    customers: usize,
    max_seconds: u64,
    database: String,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        deliveries: 20_000,
        concurrency: 32,
        customers: 1_000,
        max_seconds: 120,
        database: std::env::temp_dir()
            .join(format!(
                "webhook-service-load-{}.sqlite3",
                std::process::id()
            ))
            .display()
            .to_string(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let number = || value.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--deliveries" => a.deliveries = number()?.max(1),
            "--concurrency" => a.concurrency = number()?.max(1),
            "--customers" => a.customers = number()?.max(1),
            "--max-seconds" => a.max_seconds = number()? as u64,
            "--database" => a.database = value,
            _ => {
                return Err(format!(
                    "unknown flag {flag} (--deliveries N --concurrency C --customers K --max-seconds S --database PATH)"
                ));
            }
        }
    }
    Ok(a)
}

fn body(i: usize, customers: usize, at: i64) -> Vec<u8> {
    let from = 16_315_550_000u64 + (i % customers) as u64;
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"WABA","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"15550001111","phone_number_id":"1122334455667"}},"contacts":[{{"profile":{{"name":"Customer {i}"}},"wa_id":"{from}"}}],"messages":[{{"from":"{from}","id":"wamid.LOAD{i}","timestamp":"{at}","type":"text","text":{{"body":"Hello, my order {i} has not arrived yet"}}}}]}}}}]}}]}}"#
    )
    .into_bytes()
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("load: {e}");
            return ExitCode::from(2);
        }
    };
    match run(args).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("load: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<bool, Box<dyn std::error::Error>> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", args.database));
    }
    let secret = "load-secret";
    let service = Arc::new(Service {
        config: Config::default(),
        inbox: Inbox::signed([secret])?,
        verify_token: VerifyToken::new("load")?,
        store: Box::new(Sqlite::open(&args.database)?),
        graph: Graph::new("http://127.0.0.1:9/unused", String::new())?,
        clock: Arc::new(system_clock),
        channel: ("channel-ghub".into(), "DigitalMessagingServer".into()),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/webhook", listener.local_addr()?);
    let server = tokio::spawn(async move { axum::serve(listener, router(service)).await });

    let signer = Inbox::signed([secret])?;
    let at = system_clock().timestamp();
    let bodies: Arc<Vec<(Vec<u8>, String)>> = Arc::new(
        (0..args.deliveries)
            .map(|i| {
                let b = body(i, args.customers, at);
                let s = signer.sign(&b);
                (b, s)
            })
            .collect(),
    );
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(args.concurrency)
        .build()?;
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(args.max_seconds);
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..args.concurrency {
        let (client, url, bodies, next) =
            (client.clone(), url.clone(), bodies.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut failures = 0usize;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((body, signature)) = bodies.get(i) else {
                    break;
                };
                if Instant::now() > deadline {
                    break;
                }
                let sent = Instant::now();
                let answer = client
                    .post(&url)
                    .header("x-hub-signature-256", signature.as_str())
                    .body(body.clone())
                    .send()
                    .await;
                match answer {
                    Ok(r) if r.status() == 200 => {
                        let _ = r.bytes().await;
                        latencies.push(sent.elapsed());
                    }
                    _ => failures += 1,
                }
            }
            (latencies, failures)
        }));
    }
    let mut latencies = Vec::with_capacity(args.deliveries);
    let mut failures = 0;
    for w in workers {
        let (l, f) = w.await?;
        latencies.extend(l);
        failures += f;
    }
    let elapsed = started.elapsed();
    server.abort();
    latencies.sort();
    let pct = |p: usize| {
        latencies.get((latencies.len() * p / 100).min(latencies.len().saturating_sub(1)))
    };
    let ms = |d: Option<&Duration>| d.map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0);
    println!(
        "{} deliveries ({} failed) in {:.2} s by {} clients over {} customers: {:.0} deliveries/s, p50 {:.2} ms, p99 {:.2} ms",
        latencies.len(),
        failures,
        elapsed.as_secs_f64(),
        args.concurrency,
        args.customers,
        latencies.len() as f64 / elapsed.as_secs_f64(),
        ms(pct(50)),
        ms(pct(99)),
    );
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", args.database));
    }
    Ok(failures == 0 && latencies.len() == args.deliveries)
}
