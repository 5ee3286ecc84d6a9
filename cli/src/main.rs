//! `dvc`: the terminal shell of the DVC mobile core. It runs against an
//! embedded reference server in its data folder by default, or a running
//! `dvc-server` with `--server URL`.

mod commands;
mod file_store;
mod output;
mod profile_args;
mod progress;
mod shell;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use dvc_core::CoreResult;

use crate::output::Output;
use crate::profile_args::{BeneficiaryArg, ProfileArgs};
use crate::shell::{Profile, Shell, default_data_dir};
use dvc_core::api::model::Delivery;
use dvc_core::field::view::{DeliverInput, FailInput, PickupInput};

/// Đại lý dịch vụ công: prepare, book, file and track public-service
/// procedures at Hanoi's post offices, from the terminal.
#[derive(Parser)]
#[command(name = "dvc", version, about, long_about = None)]
struct Cli {
    /// Data folder for local databases and the embedded server
    /// [default: $XDG_DATA_HOME/dvc or ~/.local/share/dvc].
    #[arg(long, global = true, env = "DVC_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Use a running dvc-server at this URL instead of the embedded one.
    #[arg(long, global = true, env = "DVC_SERVER")]
    server: Option<String>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Walk a citizen and a field staff member through the system (embedded
    /// server, temporary folder).
    Demo,
    /// Sign the citizen in with a one-time code sent to the phone.
    Login {
        /// Vietnamese mobile number.
        #[arg(long)]
        phone: String,
        /// The code received (asked for on stdin when not given; read from
        /// the embedded server on its own).
        #[arg(long)]
        code: Option<String>,
    },
    /// Sign the citizen out (drafts on this device are deleted: refused
    /// while there are some, unless --discard-drafts).
    Logout {
        /// Delete the drafts on this device too.
        #[arg(long)]
        discard_drafts: bool,
    },
    /// Who the citizen profile is signed in as (asks the server).
    Whoami,
    /// List the agent offices, nearest first with --near.
    Offices {
        /// Your position, LAT,LON (e.g. 21.03,105.85).
        #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true)]
        near: Option<String>,
        /// With --near: how many offices.
        #[arg(long, default_value_t = 5)]
        limit: u32,
    },
    /// The Vietnamese calendar: lunar dates and public holidays.
    Calendar {
        #[command(subcommand)]
        action: CalendarAction,
    },
    /// Bookable appointment slots of an office on a day.
    Slots {
        /// Office id (see `dvc offices`).
        office: String,
        /// Day: YYYY-MM-DD, `today` or `tomorrow` (Vietnam time).
        #[arg(long, default_value = "tomorrow")]
        date: String,
    },
    /// Book an appointment slot: a start as `dvc slots` prints it, or
    /// `--first-free`.
    Book {
        /// Office id.
        office: String,
        /// Slot start, RFC 3339 (as `dvc slots` prints it).
        #[arg(required_unless_present = "first_free")]
        slot_start: Option<String>,
        /// Take the first free slot from `--date` on (default tomorrow).
        #[arg(long, conflicts_with = "slot_start")]
        first_free: bool,
        /// With `--first-free`: the first day to look at.
        #[arg(long, default_value = "tomorrow", requires = "first_free")]
        date: String,
        /// Procedure code.
        #[arg(long)]
        procedure: String,
        /// Priority service: elderly, disability, pregnant or merit.
        #[arg(long, value_parser = ["elderly", "disability", "pregnant", "merit"])]
        priority: Option<String>,
    },
    /// Your appointments.
    Bookings,
    /// Cancel an appointment.
    Cancel {
        /// Booking id.
        booking: String,
    },
    /// Move an appointment to another slot of the same office.
    Reschedule {
        /// Booking id.
        booking: String,
        /// New slot start, RFC 3339.
        slot_start: String,
    },
    /// When the phone reminds you of an appointment.
    Reminders {
        /// Booking id.
        booking: String,
    },
    /// An appointment as a calendar file (.ics).
    Ics {
        /// Booking id.
        booking: String,
        /// Write to this file instead of stdout.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The procedure catalogue: search, show, update.
    Catalog {
        #[command(subcommand)]
        action: CatalogAction,
    },
    /// What to bring for a procedure: the document checklist for a profile.
    Checklist {
        /// Procedure code (see `dvc catalog search`).
        code: String,
        #[command(flatten)]
        profile: ProfileArgs,
    },
    /// The citizen's dossiers.
    Dossier {
        #[command(subcommand)]
        action: DossierAction,
    },
    /// QR dossier codes: show, verify offline, trusted keys.
    Qr {
        #[command(subcommand)]
        action: QrAction,
    },
    /// Follow a dossier by its code or its result's S10 item number: status,
    /// postal journey, expected delivery.
    Track {
        /// Dossier code (`000.00.01.H26-261123-0001`) or S10 item number.
        key: String,
        /// The six-digit check printed on the receipt (`track_check`),
        /// needed for someone else's dossier; the owner's own dossiers and
        /// an item number alone do not need it.
        #[arg(long)]
        check: Option<String>,
    },
    /// UPU S10 postal item numbers.
    S10 {
        #[command(subcommand)]
        action: S10Action,
    },
    /// Commands of post-office staff.
    Staff {
        #[command(subcommand)]
        action: StaffAction,
    },
}

#[derive(Subcommand)]
enum CalendarAction {
    /// The lunar date of a solar date (Vietnam, UTC+7).
    Lunar {
        /// YYYY-MM-DD.
        date: String,
    },
    /// The solar date of a lunar date.
    Solar {
        /// Lunar day (1-30).
        day: u8,
        /// Lunar month (1-12).
        month: u8,
        /// Lunar year.
        year: i32,
        /// The month is the leap month.
        #[arg(long)]
        leap: bool,
    },
    /// Public holidays of a year, one entry per day off.
    Holidays {
        /// Year.
        year: i32,
    },
}

#[derive(Subcommand)]
enum CatalogAction {
    /// Find procedures by what you would type (diacritics optional).
    Search {
        /// Words, e.g. "khai sinh" or "gplx".
        query: String,
        /// How many results at most.
        #[arg(long, default_value_t = 10)]
        limit: u32,
        /// Only procedures for this target group.
        #[arg(long = "for", value_enum)]
        group: Option<commands::catalogue::GroupArg>,
        /// Only procedures whose field contains this, e.g. "hộ tịch".
        #[arg(long)]
        field: Option<String>,
    },
    /// Everything the catalogue says about one procedure.
    Show {
        /// Procedure code.
        code: String,
    },
    /// How many procedures the catalogue holds, and its version.
    Stats,
    /// Take a newer catalogue from the server, if any.
    Update,
}

#[derive(Subcommand)]
enum DossierAction {
    /// The citizen's dossiers (cached list when offline).
    List,
    /// Start a draft dossier: profile, documents held, booking, delivery.
    New {
        /// Procedure code (see `dvc catalog search`).
        code: String,
        #[command(flatten)]
        profile: ProfileArgs,
        /// The appointment booked for it (sets the office).
        #[arg(long)]
        booking: Option<String>,
        /// Receiving office, when there is no booking (see `dvc offices`).
        #[arg(long)]
        office: Option<String>,
        /// Have the result delivered home to this address.
        #[arg(long, value_name = "ADDRESS")]
        deliver_home: Option<String>,
    },
    /// File a draft: its pages the server lacks are uploaded first
    /// (resumable; progress on a terminal), then the server assigns the
    /// dossier code and signs its QR.
    Submit {
        /// Draft id (from `dvc dossier new`).
        draft: String,
    },
    /// Attach photos, scans or PDFs to a document of a draft, as its next
    /// pages (JPEG, PNG or PDF; at most 5 MB a file, 40 MB a dossier).
    Attach {
        /// Draft id.
        draft: String,
        /// The document (its id on the checklist).
        document: String,
        /// The files, in page order.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Remove a page from a document of a draft (later pages move up).
    Detach {
        /// Draft id.
        draft: String,
        /// The document.
        document: String,
        /// The page number.
        #[arg(value_parser = clap::value_parser!(i32).range(1..))]
        page: i32,
    },
    /// Drafts waiting to be filed (no signal, or turned down and why);
    /// `--send` files them now.
    Queue {
        /// File the waiting drafts now.
        #[arg(long)]
        send: bool,
    },
    /// Ask for your papers to be collected at home: a field staff member
    /// of the office comes on the next working day, 08:00–12:00.
    Pickup {
        /// Where to come.
        #[arg(long)]
        address: String,
        /// Who to meet (your name).
        #[arg(long)]
        name: String,
        /// The office that sends someone (default vnp-hoan-kiem).
        #[arg(long, default_value = "vnp-hoan-kiem")]
        office: String,
        /// Your dossier filed online, if any (its code).
        #[arg(long)]
        dossier: Option<String>,
        /// The procedure, when nothing is filed yet.
        #[arg(long)]
        procedure: Option<String>,
        /// Household category (pickups are free for merit and social).
        #[arg(long, value_enum, default_value = "none")]
        beneficiary: BeneficiaryArg,
        /// Position as LAT,LON, when known.
        #[arg(long, value_name = "LAT,LON")]
        at: Option<String>,
    },
}

#[derive(Subcommand)]
enum S10Action {
    /// Check an item number (e.g. RB123456785VN): exit 0 and `valid`, or
    /// exit 1 and the reason.
    Check {
        /// The item number.
        id: String,
    },
}

#[derive(Subcommand)]
enum QrAction {
    /// Show a dossier's QR code in the terminal, and write it as SVG/PNG.
    Show {
        /// Dossier code (or a draft id: its code is unsigned, pre-fill only).
        dossier: String,
        /// Write an SVG file.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
        /// Write a PNG file.
        #[arg(long, value_name = "FILE")]
        png: Option<PathBuf>,
    },
    /// Verify a code offline as the clerk (exit 1 when not valid).
    Verify {
        /// The payload text (DVC1:…).
        payload: Option<String>,
        /// Read the code from a PNG image instead.
        #[arg(long, value_name = "FILE.png", conflicts_with = "payload")]
        image: Option<PathBuf>,
    },
    /// The trusted signing keys (refreshed from the server when reachable).
    Keys,
}

#[derive(Subcommand)]
enum StaffAction {
    /// Bring back the action log (unsent actions included) from a damaged
    /// staff database that was moved aside (`…sqlite3.corrupt-…`), then
    /// `dvc staff sync` sends what was waiting.
    Recover {
        /// The moved-aside file.
        file: PathBuf,
    },
    /// Sign a staff member in (password from DVC_STAFF_PASSWORD or stdin).
    Login {
        /// Staff username.
        #[arg(long)]
        user: String,
    },
    /// Sign the staff member out.
    Logout {
        /// Delete the drafts on this device too.
        #[arg(long)]
        discard_drafts: bool,
    },
    /// Who the staff profile is signed in as.
    Whoami,
    /// Dossiers of the staff member's office.
    Dossiers,
    /// The files of a dossier of the office: pages, signature, photos.
    Files {
        /// Dossier code or id.
        dossier: String,
    },
    /// Write one file of a dossier (by its SHA-256), checked on arrival.
    File {
        /// Dossier code or id.
        dossier: String,
        /// The file's SHA-256 (see `dvc staff files`).
        sha256: String,
        /// Where to write it.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Appointments at the staff member's office (with priority).
    Bookings,
    /// The day's home visits in route order (refreshed when online).
    Worklist,
    /// Record a pickup at the door (offline; sent by `dvc staff sync`).
    Pickup {
        /// Visit id (see `dvc staff worklist`).
        visit: String,
        /// Sealed bag number.
        #[arg(long)]
        bag: String,
        /// The citizen's QR payload (`DVC1:…`), verified offline.
        #[arg(long)]
        qr: Option<String>,
        /// A document checked and collected (catalogue id); repeat.
        #[arg(long = "doc")]
        documents: Vec<String>,
        /// Fee receipt number.
        #[arg(long)]
        receipt: Option<String>,
        /// A photo of the papers collected (JPEG/PNG), uploaded with the
        /// action; repeat.
        #[arg(long = "photo", value_name = "FILE")]
        photos: Vec<PathBuf>,
        /// No dossier yet: create it at the door for this procedure…
        #[arg(long, requires = "phone")]
        procedure: Option<String>,
        /// …and this person's phone.
        #[arg(long, requires = "procedure")]
        phone: Option<String>,
        /// …with the result delivered to this address (else collected).
        #[arg(long)]
        deliver_home: Option<String>,
        /// Position, LAT,LON.
        #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true)]
        at: Option<String>,
    },
    /// Record a delivery with proof (offline; sent by `dvc staff sync`).
    Deliver {
        /// Visit id.
        visit: String,
        /// The item number, as scanned or typed.
        #[arg(long)]
        s10: String,
        /// Who received it.
        #[arg(long)]
        recipient: String,
        /// Their relation to the addressee, if not the addressee.
        #[arg(long)]
        relation: Option<String>,
        /// The recipient's identity document was checked.
        #[arg(long)]
        id_checked: bool,
        /// The recipient's signature image (PNG/JPEG), uploaded with the
        /// action.
        #[arg(long, value_name = "FILE")]
        signature: PathBuf,
        /// A photo of the delivery (JPEG/PNG), uploaded with the action;
        /// repeat.
        #[arg(long = "photo", value_name = "FILE")]
        photos: Vec<PathBuf>,
        /// Fee receipt number.
        #[arg(long)]
        receipt: Option<String>,
        /// Position, LAT,LON.
        #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true)]
        at: Option<String>,
    },
    /// Record a failed attempt (offline; sent by `dvc staff sync`).
    Fail {
        /// Visit id.
        visit: String,
        /// not_home, wrong_address, refused, no_identity or other.
        #[arg(long)]
        reason: String,
        /// Details.
        #[arg(long)]
        note: Option<String>,
        /// Position, LAT,LON.
        #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true)]
        at: Option<String>,
    },
    /// Send the recorded actions; prints sent, acknowledged, pending and
    /// the actions the server turned down (wedged).
    Sync {
        /// Actions per request.
        #[arg(long, default_value_t = 200)]
        batch: u32,
    },
    /// Actions the server turned down, with why and what to do.
    Wedged,
    /// Send a turned-down action again (after the office fixed the cause),
    /// as a new entry; the old one stays in the log.
    Retry {
        /// Its entry number (`seq`, as `dvc staff wedged` lists it).
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        seq: i64,
    },
    /// Set a turned-down action aside for good, with a reason kept in the
    /// log for the audit.
    SetAside {
        /// Its entry number (`seq`).
        #[arg(value_parser = clap::value_parser!(i64).range(1..))]
        seq: i64,
        /// Why (kept in the log).
        #[arg(long)]
        reason: String,
    },
    /// Record the agency's decision on a dossier (status code 1-10).
    Status {
        /// Dossier id or code.
        dossier: String,
        /// National status code.
        code: u8,
        /// A note for the citizen.
        #[arg(long)]
        note: Option<String>,
    },
    /// Hand a processed result to the post for home delivery.
    Dispatch {
        /// Dossier id or code.
        dossier: String,
        /// Field staff member who delivers it (default: yourself).
        #[arg(long)]
        to: Option<String>,
        /// Item number already on the envelope (else assigned).
        #[arg(long)]
        s10: Option<String>,
        /// Recipient's name.
        #[arg(long)]
        contact_name: String,
        /// Recipient's phone.
        #[arg(long)]
        contact_phone: String,
        /// The door's position, LAT,LON.
        #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true)]
        at: String,
        /// Household category: none, merit or social.
        #[arg(long, value_enum, default_value = "none")]
        beneficiary: BeneficiaryArg,
    },
    /// Scan an item in transit or out for delivery.
    Scan {
        /// S10 item number.
        s10: String,
        /// in_transit or out_for_delivery.
        step: String,
    },
}

fn main() -> ExitCode {
    dvc_server::closed_stdout::quiet_on_closed_stdout();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DVC_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = Cli::parse();
    let out = Output { json: cli.json };
    match run(cli, out) {
        Ok(code) => code,
        Err(err) => {
            out.error(&err);
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli, out: Output) -> CoreResult<ExitCode> {
    // Commands that need no data folder or server.
    match &cli.command {
        Command::Demo if out.json => {
            // With --json every command prints JSON: the demo's narrative
            // has no JSON form, so it says so as a JSON error.
            return Err(dvc_core::CoreError::invalid(
                "json",
                "dvc demo kể lại từng bước bằng chữ; lệnh này không có dạng JSON.",
                "dvc demo narrates its steps as text; it has no JSON form.",
            ));
        }
        Command::Demo => return commands::demo::run().map(|()| ExitCode::SUCCESS),
        Command::S10 {
            action: S10Action::Check { id },
        } => return Ok(commands::s10::check(out, id)),
        Command::Calendar {
            action: CalendarAction::Lunar { date },
        } => return commands::calendar::lunar(out, date).map(|()| ExitCode::SUCCESS),
        Command::Calendar {
            action:
                CalendarAction::Solar {
                    day,
                    month,
                    year,
                    leap,
                },
        } => {
            return commands::calendar::solar(out, *day, *month, *year, *leap)
                .map(|()| ExitCode::SUCCESS);
        }
        _ => {}
    }
    let data_dir = cli.data_dir.unwrap_or_else(default_data_dir);
    if cli.server.is_some() {
        progress::after_a_second();
    }
    let shell = Shell::open(&data_dir, cli.server.as_deref())?;
    if let Command::Qr {
        action: QrAction::Verify { payload, image },
    } = &cli.command
    {
        return commands::qr::verify(&shell, out, payload.as_deref(), image.as_deref());
    }
    if let Command::Staff {
        action: StaffAction::Sync { batch },
    } = &cli.command
    {
        let done = commands::staff::sync(&shell, out, *batch)?;
        return Ok(if done {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    run_command(&shell, cli.command, out).map(|()| ExitCode::SUCCESS)
}

fn run_command(shell: &Shell, command: Command, out: Output) -> CoreResult<()> {
    match command {
        Command::Calendar {
            action: CalendarAction::Holidays { year },
        } => commands::calendar::holidays(shell, out, year),
        Command::Demo | Command::Calendar { .. } | Command::S10 { .. } => Ok(()),
        Command::Login { phone, code } => commands::account::login(shell, out, &phone, code),
        Command::Logout { discard_drafts } => {
            commands::account::logout(shell, out, Profile::Citizen, discard_drafts)
        }
        Command::Whoami => commands::account::whoami(shell, out, Profile::Citizen),
        Command::Offices { near, limit } => {
            commands::offices::list(shell, out, near.as_deref(), limit)
        }
        Command::Slots { office, date } => commands::booking::slots(shell, out, &office, &date),
        Command::Book {
            office,
            slot_start,
            first_free,
            date,
            procedure,
            priority,
        } => {
            let priority = priority
                .as_deref()
                .and_then(dvc_core::api::model::Priority::parse);
            let when = match (slot_start, first_free) {
                (Some(start), _) => commands::booking::When::At(start),
                (None, _) => commands::booking::When::FirstFreeFrom(date),
            };
            commands::booking::book(shell, out, &office, when, &procedure, priority)
        }
        Command::Bookings => commands::booking::list(shell, out, Profile::Citizen),
        Command::Cancel { booking } => commands::booking::cancel(shell, out, &booking),
        Command::Reschedule {
            booking,
            slot_start,
        } => commands::booking::reschedule(shell, out, &booking, &slot_start),
        Command::Reminders { booking } => commands::booking::reminders(shell, out, &booking),
        Command::Ics { booking, out: file } => {
            commands::booking::ics(shell, out, &booking, file.as_deref())
        }
        Command::Catalog { action } => match action {
            CatalogAction::Search {
                query,
                limit,
                group,
                field,
            } => commands::catalogue::search(shell, out, &query, limit, group, field),
            CatalogAction::Stats => commands::catalogue::stats(shell, out),
            CatalogAction::Show { code } => commands::catalogue::show(shell, out, &code),
            CatalogAction::Update => commands::catalogue::update(shell, out),
        },
        Command::Checklist { code, profile } => {
            commands::checklist::show(shell, out, &code, &profile.profile()?, &profile.have())
        }
        Command::Dossier { action } => match action {
            DossierAction::List => commands::dossiers::list(shell, out, Profile::Citizen),
            DossierAction::New {
                code,
                profile,
                booking,
                office,
                deliver_home,
            } => commands::dossiers::new_draft(
                shell,
                out,
                commands::dossiers::NewDraft {
                    code: &code,
                    profile: profile.profile()?,
                    have: profile.have(),
                    booking: booking.as_deref(),
                    office: office.as_deref(),
                    deliver_home: deliver_home.as_deref(),
                },
            ),
            DossierAction::Submit { draft } => commands::dossiers::submit(shell, out, &draft),
            DossierAction::Attach {
                draft,
                document,
                files,
            } => commands::files::attach(shell, out, &draft, &document, &files),
            DossierAction::Detach {
                draft,
                document,
                page,
            } => commands::files::detach(shell, out, &draft, &document, page),
            DossierAction::Queue { send } => commands::files::queue(shell, out, send),
            DossierAction::Pickup {
                address,
                name,
                office,
                dossier,
                procedure,
                beneficiary,
                at,
            } => commands::dossiers::pickup(
                shell,
                out,
                commands::dossiers::PickupArgs {
                    address,
                    name,
                    office,
                    dossier,
                    procedure,
                    beneficiary,
                    at,
                },
            ),
        },
        Command::Qr { action } => match action {
            QrAction::Show { dossier, svg, png } => {
                commands::qr::show(shell, out, &dossier, svg.as_deref(), png.as_deref())
            }
            QrAction::Verify { payload, image } => {
                commands::qr::verify(shell, out, payload.as_deref(), image.as_deref()).map(|_| ())
            }
            QrAction::Keys => commands::qr::keys(shell, out),
        },
        Command::Staff { action } => match action {
            StaffAction::Login { user } => {
                let password = std::env::var("DVC_STAFF_PASSWORD").ok();
                commands::account::staff_login(shell, out, &user, password)
            }
            StaffAction::Logout { discard_drafts } => {
                commands::account::logout(shell, out, Profile::Staff, discard_drafts)
            }
            StaffAction::Whoami => commands::account::whoami(shell, out, Profile::Staff),
            StaffAction::Dossiers => commands::dossiers::list(shell, out, Profile::Counter),
            StaffAction::Files { dossier } => commands::files::list(shell, out, &dossier),
            StaffAction::File {
                dossier,
                sha256,
                out: path,
            } => commands::files::save(shell, out, &dossier, &sha256, &path),
            StaffAction::Bookings => commands::booking::list(shell, out, Profile::Counter),
            StaffAction::Worklist => commands::staff::worklist(shell, out),
            StaffAction::Pickup {
                visit,
                bag,
                qr,
                documents,
                receipt,
                photos,
                procedure,
                phone,
                deliver_home,
                at,
            } => {
                let (latitude, longitude) = commands::staff::parse_position(at.as_deref())?;
                commands::staff::pickup(
                    shell,
                    out,
                    PickupInput {
                        visit_id: visit,
                        qr,
                        documents,
                        sealed_bag: bag,
                        fee_receipt: receipt,
                        photo_files: paths(&photos),
                        new_procedure_code: procedure,
                        new_citizen_phone: phone,
                        new_delivery: deliver_home.map(|address| Delivery::Home { address }),
                        latitude,
                        longitude,
                    },
                )
            }
            StaffAction::Deliver {
                visit,
                s10,
                recipient,
                relation,
                id_checked,
                signature,
                photos,
                receipt,
                at,
            } => {
                let (latitude, longitude) = commands::staff::parse_position(at.as_deref())?;
                commands::staff::deliver(
                    shell,
                    out,
                    DeliverInput {
                        visit_id: visit,
                        s10,
                        recipient_name: recipient,
                        relation,
                        identity_checked: id_checked,
                        signature_sha256: String::new(),
                        photo_sha256: None,
                        signature_file: Some(signature.to_string_lossy().into_owned()),
                        photo_files: paths(&photos),
                        fee_receipt: receipt,
                        latitude,
                        longitude,
                    },
                )
            }
            StaffAction::Fail {
                visit,
                reason,
                note,
                at,
            } => {
                let (latitude, longitude) = commands::staff::parse_position(at.as_deref())?;
                commands::staff::fail(
                    shell,
                    out,
                    FailInput {
                        visit_id: visit,
                        reason: commands::staff::parse_reason(&reason)?,
                        note,
                        latitude,
                        longitude,
                    },
                )
            }
            StaffAction::Sync { .. } => Ok(()),
            StaffAction::Wedged => commands::staff::wedged(shell, out),
            StaffAction::Retry { seq } => commands::staff::retry(shell, out, seq),
            StaffAction::SetAside { seq, reason } => {
                commands::staff::set_aside(shell, out, seq, &reason)
            }
            StaffAction::Recover { file } => commands::staff::recover(shell, out, &file),
            StaffAction::Status {
                dossier,
                code,
                note,
            } => commands::desk::status(shell, out, &dossier, code, note),
            StaffAction::Dispatch {
                dossier,
                to,
                s10,
                contact_name,
                contact_phone,
                at,
                beneficiary,
            } => {
                let (lat, lon) = commands::staff::parse_position(Some(&at))?;
                commands::desk::dispatch(
                    shell,
                    out,
                    commands::desk::DispatchArgs {
                        dossier: &dossier,
                        to,
                        s10,
                        contact_name,
                        contact_phone,
                        at: (lat.unwrap_or_default(), lon.unwrap_or_default()),
                        beneficiary: beneficiary.into(),
                    },
                )
            }
            StaffAction::Scan { s10, step } => commands::desk::scan(shell, out, &s10, &step),
        },
        Command::Track { key, check } => {
            let key = match check {
                Some(check) => format!("{key}#{check}"),
                None => key,
            };
            commands::track::track(shell, out, &key)
        }
    }
}

/// File paths as the core takes them.
fn paths(files: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}
