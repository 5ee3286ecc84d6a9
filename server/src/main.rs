//! `dvc-server`: the reference backend as a command.

use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use dvc_core::api::model::StaffRole;
use dvc_server::auth::otp::{LogSender, NoSender, OtpSender};
use dvc_server::{ServerConfig, auth, open_database, serve, state};

/// Reference backend for the DVC mobile core (accounts, offices, dossiers).
///
/// Limits it enforces on its own (docs/SECURITY.md): request headers within
/// 10 s (idle connections close then too), requests within 30 s, 4,096
/// connections (256 per client address), bodies of 64 KiB (4 MiB for a field batch); per client
/// address per minute 30 code requests, 60 code checks, 30 staff sign-ins,
/// 120 track lookups (20 misses); a phone is locked for 15 min after 5
/// wrong codes (doubling each time, up to a day) and gets 10 codes a day;
/// a staff account is locked for 1 min after 5 wrong passwords (doubling);
/// password checks run one per CPU core at a time.
#[derive(Parser)]
#[command(name = "dvc-server", version, about, long_about)]
struct Cli {
    /// SQLite database file (created and migrated on start).
    #[arg(
        long,
        global = true,
        default_value = "dvc-server.sqlite3",
        env = "DVC_SERVER_DB"
    )]
    db: PathBuf,
    /// Create the database's folder if it is missing (serving always does;
    /// the administrative commands refuse a missing folder without it, so
    /// a mistyped path is not silently made).
    #[arg(long, global = true)]
    create: bool,
    /// Office list JSON to load (default: the bundled sample list).
    #[arg(long, global = true)]
    offices: Option<PathBuf>,
    /// Procedure catalogue JSON to publish (default: the one bundled with the core).
    #[arg(long, global = true)]
    catalogue: Option<PathBuf>,
    /// Address to listen on (loopback by default; port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8787", env = "DVC_SERVER_LISTEN")]
    listen: String,
    /// Development mode: one-time sign-in codes are printed to stdout
    /// (`DEV OTP phone=… code=…`) instead of being sent by SMS.
    #[arg(long)]
    dev: bool,
    /// Seconds a phone must wait before another code is sent.
    #[arg(long, default_value_t = 30)]
    otp_resend_secs: u64,
    /// Home delivery fee in đồng for households that are not beneficiaries
    /// (default: a sample figure, marked as such in `/v1/delivery/terms`).
    #[arg(long, env = "DVC_DELIVERY_FEE", value_parser = clap::value_parser!(i64).range(0..))]
    delivery_fee: Option<i64>,
    /// Start the server's clock at this instant (RFC 3339) instead of now:
    /// tests and demos then get the same days whatever the date.
    #[arg(long, env = "DVC_NOW", value_parser = parse_instant)]
    now: Option<chrono::DateTime<chrono::Utc>>,
    /// Inject failures on staff routes (with `files=1` also on uploads and
    /// filing), for resilience drills:
    /// `before=0.1,after=0.1,stall=0.05,stall_ms=3000[,files=1]`.
    #[arg(long, env = "DVC_SERVER_FAULTS")]
    faults: Option<String>,
    /// Connections open at once; beyond it new ones are closed at once.
    #[arg(long, default_value_t = 4096, env = "DVC_MAX_CONNECTIONS")]
    max_connections: usize,
    /// Connections open at once from one client address.
    #[arg(long, default_value_t = 256, env = "DVC_MAX_CONNECTIONS_PER_ADDRESS")]
    max_connections_per_address: usize,
    /// Seconds a client has to send a request's headers; idle keep-alive
    /// connections close after the same time.
    #[arg(long, default_value_t = 10)]
    header_timeout_secs: u64,
    /// Seconds a request (body, handler, answer) may take.
    #[arg(long, default_value_t = 30)]
    request_timeout_secs: u64,
    /// Sign-in tries (code requests, code checks, staff passwords) one
    /// client address may make per minute; default 30 code requests, 60
    /// code checks, 30 staff sign-ins. Behind carrier-grade NAT many
    /// phones share an address: raise it there, the per-phone and
    /// per-account lockouts still hold.
    #[arg(long, env = "DVC_SIGN_INS_PER_ADDRESS")]
    sign_ins_per_address: Option<u32>,
    /// Dossiers one citizen may have in progress at once.
    #[arg(long, default_value_t = 20)]
    max_open_dossiers: u32,
    /// Dossiers one citizen may file per day (Vietnam time).
    #[arg(long, default_value_t = 10)]
    max_dossiers_per_day: u32,
    /// Bytes one uploaded file may have (a page, a signature, a photo).
    #[arg(long, default_value_t = 5_000_000)]
    max_file_bytes: u64,
    /// Bytes all the pages of one dossier may have.
    #[arg(long, default_value_t = 40_000_000)]
    max_dossier_bytes: u64,
    /// Bytes one account may upload per day (Vietnam time).
    #[arg(long, default_value_t = 200_000_000)]
    upload_bytes_per_day: u64,
    /// Days the files of a finished dossier are kept after it finished.
    #[arg(long, default_value_t = 365)]
    file_retention_days: u32,
    /// Folder of uploaded files (default: beside the database, `<db>.files`).
    #[arg(long, env = "DVC_FILES_DIR")]
    files_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Manage staff accounts.
    Staff {
        #[command(subcommand)]
        action: StaffAction,
    },
    /// Public holidays: replace a year's days off with a decision.
    Holidays {
        #[command(subcommand)]
        action: HolidayAction,
    },
    /// Keys that sign dossier QR codes.
    Keys {
        #[command(subcommand)]
        action: KeyAction,
    },
}

#[derive(Subcommand)]
enum KeyAction {
    /// List the published keys (public halves) and revocations.
    List,
    /// Retire the current key (codes it signed stay valid) and start a new one.
    Rotate,
}

#[derive(Subcommand)]
enum HolidayAction {
    /// Set a year's days off and swapped working days from a JSON file
    /// `{"year": 2027, "days_off": [{"date": "2027-02-05", "name_vi": "…",
    /// "name_en": "…", "compensatory": false}, …], "extra_working_days": []}`.
    Set {
        /// The JSON file.
        #[arg(long)]
        file: PathBuf,
    },
    /// Print a year's days off as the server publishes them.
    Show {
        /// Year.
        #[arg(long)]
        year: i32,
    },
}

#[derive(Subcommand)]
enum StaffAction {
    /// Create a staff account (or reset its password, office and role).
    /// The password is read from DVC_STAFF_PASSWORD or the first line of stdin.
    Add {
        /// Username.
        #[arg(long)]
        user: String,
        /// Office id (see GET /v1/offices).
        #[arg(long)]
        office: String,
        /// `counter` or `field`.
        #[arg(long, value_parser = ["counter", "field"])]
        role: String,
    },
    /// Disable a staff account: its sessions end at once and it cannot
    /// sign in until `staff add` resets its password.
    Disable {
        /// Username.
        #[arg(long)]
        user: String,
    },
}

fn main() -> std::process::ExitCode {
    dvc_server::closed_stdout::quiet_on_closed_stdout();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dvc-server: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let sender: Arc<dyn OtpSender> = if cli.dev {
        Arc::new(LogSender)
    } else {
        Arc::new(NoSender)
    };
    let mut config = ServerConfig::new(Some(cli.db.clone()), sender);
    if let Some(at) = cli.now {
        config.clock.set(at);
    }
    config.settings.otp_resend = std::time::Duration::from_secs(cli.otp_resend_secs);
    config.settings.edge.max_connections = cli.max_connections;
    config.settings.filing.max_open = cli.max_open_dossiers;
    config.settings.filing.max_per_day = cli.max_dossiers_per_day;
    config.settings.files.limits.file_bytes = cli.max_file_bytes;
    config.settings.files.limits.dossier_bytes = cli.max_dossier_bytes;
    config.settings.files.day_bytes = cli.upload_bytes_per_day;
    config.settings.files.retention_days = cli.file_retention_days;
    config.files_dir = cli.files_dir.clone();
    config.settings.edge.max_connections_per_address = cli.max_connections_per_address;
    config.settings.edge.header_read_timeout =
        std::time::Duration::from_secs(cli.header_timeout_secs.max(1));
    config.settings.edge.request_timeout =
        std::time::Duration::from_secs(cli.request_timeout_secs.max(1));
    if let Some(n) = cli.sign_ins_per_address {
        let rates = &mut config.settings.rates;
        rates.code_requests_per_address = n;
        rates.code_checks_per_address = n;
        rates.staff_sign_ins_per_address = n;
    }
    if let Some(fee) = cli.delivery_fee {
        config.settings.delivery.fee_vnd = fee;
        config.settings.delivery.sample = false;
        config.settings.delivery.note = "Fee set by the operator (--delivery-fee).".to_owned();
    }
    if let Some(spec) = &cli.faults {
        config.settings.faults =
            Some(dvc_server::faults::Faults::parse(spec).map_err(|e| format!("--faults: {e}"))?);
    }
    if let Some(path) = &cli.offices {
        config.offices_json =
            Some(std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    if let Some(path) = &cli.catalogue {
        config.catalogue_json =
            Some(std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    if cli.command.is_some() && !cli.create {
        let folder = cli
            .db
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        if !folder.is_dir() {
            return Err(format!(
                "{}: thư mục không tồn tại / no such folder (add --create to make it)",
                folder.display()
            ));
        }
    }
    match cli.command {
        Some(Command::Staff {
            action: StaffAction::Add { user, office, role },
        }) => {
            let password = match std::env::var("DVC_STAFF_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    let mut line = String::new();
                    std::io::stdin()
                        .read_line(&mut line)
                        .map_err(|e| e.to_string())?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let db = open_database(&config).map_err(|e| e.to_string())?;
            let role = StaffRole::parse(&role).ok_or("role must be counter or field")?;
            let id = auth::staff::upsert_staff(&db, &user, &password, &office, role)
                .map_err(|e| e.to_string())?;
            println!("staff {user} ({}) at {office}: {id}", role.as_str());
            Ok(())
        }
        Some(Command::Staff {
            action: StaffAction::Disable { user },
        }) => {
            let db = open_database(&config).map_err(|e| e.to_string())?;
            let ended = auth::staff::disable(&db, &user).map_err(|e| e.to_string())?;
            println!("staff {user} disabled; {ended} session(s) ended");
            Ok(())
        }
        Some(Command::Holidays { action }) => {
            let db = open_database(&config).map_err(|e| e.to_string())?;
            match action {
                HolidayAction::Set { file } => {
                    let text = std::fs::read_to_string(&file)
                        .map_err(|e| format!("{}: {e}", file.display()))?;
                    let year: dvc_core::calendar::YearOverride = serde_json::from_str(&text)
                        .map_err(|e| format!("{}: {e}", file.display()))?;
                    dvc_server::holidays::save(&db, &year).map_err(|e| e.to_string())?;
                    println!(
                        "{}: {} days off set (restart the server to publish)",
                        year.year,
                        year.days_off.len()
                    );
                }
                HolidayAction::Show { year } => {
                    let calendar =
                        dvc_server::holidays::calendar(&db).map_err(|e| e.to_string())?;
                    for h in calendar.holidays(year).map_err(|e| e.to_string())? {
                        println!("{}  {} / {}", h.date, h.name_vi, h.name_en);
                    }
                }
            }
            Ok(())
        }
        Some(Command::Keys { action }) => {
            let db = open_database(&config).map_err(|e| e.to_string())?;
            if let KeyAction::Rotate = action {
                let key = dvc_server::credentials::rotate(&db, chrono::Utc::now())
                    .map_err(|e| e.to_string())?;
                println!(
                    "new signing key {} (phones pick it up with GET /v1/keys)",
                    key.id
                );
            }
            let ring = db
                .read(dvc_server::credentials::keyring)
                .map_err(|e| e.to_string())?;
            for k in &ring.keys {
                let until = k
                    .valid_until
                    .map(|u| u.to_rfc3339())
                    .unwrap_or_else(|| "current".into());
                println!(
                    "{}  {}  from {}  until {until}",
                    k.id,
                    k.public_key,
                    k.valid_from.to_rfc3339()
                );
            }
            println!("{} revocation(s)", ring.revocations.len());
            Ok(())
        }
        None => {
            let state = state(&config).map_err(|e| e.to_string())?;
            let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind(&cli.listen)
                    .await
                    .map_err(|e| format!("{}: {e}", cli.listen))?;
                let addr = listener.local_addr().map_err(|e| e.to_string())?;
                if !addr.ip().is_loopback() {
                    tracing::warn!(%addr, "listening beyond loopback");
                }
                println!("dvc-server listening on http://{addr}");
                if cli.dev {
                    println!("dev mode: one-time codes are printed here");
                }
                serve(listener, state, async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
                .map_err(|e| e.to_string())
            })
        }
    }
}

/// An RFC 3339 instant from the command line.
fn parse_instant(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| format!("“{text}” is not RFC 3339, e.g. 2026-12-02T08:30:00+07:00"))
}
