//! Where `dvc` keeps its state and which server it talks to: the data
//! folder, the embedded server (default) or a remote one (`--server URL`),
//! and one core per profile: the citizen's phone and the staff member's.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dvc_core::api::model::StaffRole;
use dvc_core::{Core, CoreConfig, CoreError, CoreResult, ErrorKind};
use dvc_server::auth::otp::CaptureSender;
use dvc_server::{RunningServer, ServerConfig};
use serde::{Deserialize, Serialize};

use crate::file_store::{FileSecureStore, write_private};

/// The citizen the embedded server signs in on its own.
pub const LOCAL_CITIZEN_PHONE: &str = "0912345678";
/// The field staff member the embedded server signs in on its own.
pub const LOCAL_STAFF_USER: &str = "field-local";
/// The counter staff member the embedded server signs in on its own.
pub const LOCAL_COUNTER_USER: &str = "counter-local";
/// A server address nothing listens on (a device with no signal).
const OFFLINE_URL: &str = "http://127.0.0.1:9";
/// The office of the local staff member.
pub const LOCAL_STAFF_OFFICE: &str = "vnp-hoan-kiem";

/// Which person a core acts for (two devices in real life).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// The citizen's phone.
    Citizen,
    /// The field staff member's phone (`dvc staff login` on a remote server).
    Staff,
    /// The counter clerk's terminal: the office side (status, dispatch,
    /// scans, office lists). On a remote server it is the account of
    /// `dvc staff login`, whose role the server checks.
    Counter,
}

impl Profile {
    fn dir_name(self) -> &'static str {
        match self {
            Profile::Citizen => "citizen",
            Profile::Staff => "staff",
            Profile::Counter => "counter",
        }
    }
}

enum Server {
    Embedded {
        running: RunningServer,
        codes: Arc<CaptureSender>,
        staff_password: String,
    },
    Remote(String),
}

/// The shell's state for one command.
pub struct Shell {
    root: PathBuf,
    server: Server,
    /// `DVC_NOW`, when set: the instant this process's clocks (the
    /// embedded server's and every core's) started at.
    pinned: Option<Pinned>,
}

/// An instant the clocks were set to, and when.
#[derive(Clone, Copy)]
struct Pinned {
    at: chrono::DateTime<chrono::Utc>,
    since: std::time::Instant,
}

impl Pinned {
    /// `DVC_NOW` (RFC 3339), if set; a value that is not a time is an error.
    fn from_env() -> CoreResult<Option<Self>> {
        let Ok(text) = std::env::var("DVC_NOW") else {
            return Ok(None);
        };
        let at = chrono::DateTime::parse_from_rfc3339(text.trim()).map_err(|_| {
            CoreError::invalid(
                "DVC_NOW",
                format!("DVC_NOW “{text}” cần dạng RFC 3339, ví dụ 2026-12-02T08:30:00+07:00."),
                format!("DVC_NOW “{text}” must be RFC 3339, e.g. 2026-12-02T08:30:00+07:00."),
            )
        })?;
        Ok(Some(Self {
            at: at.with_timezone(&chrono::Utc),
            since: std::time::Instant::now(),
        }))
    }

    fn now(self) -> chrono::DateTime<chrono::Utc> {
        let ran = chrono::Duration::from_std(self.since.elapsed()).unwrap_or_default();
        self.at + ran
    }
}

#[derive(Serialize, Deserialize)]
struct LocalStaff {
    username: String,
    password: String,
}

impl Shell {
    /// Opens the data folder `data_dir`; starts the embedded server unless
    /// `server_url` is given.
    /// `DVC_NOW` (RFC 3339) sets the clocks of the embedded server and the
    /// cores to that instant (tests and demos: nothing then depends on
    /// today's date).
    pub fn open(data_dir: &Path, server_url: Option<&str>) -> CoreResult<Self> {
        let pinned = Pinned::from_env()?;
        match server_url {
            Some(url) => Ok(Self {
                root: data_dir.join(remote_dir_name(url)),
                server: Server::Remote(url.to_owned()),
                pinned,
            }),
            None => Self::embedded(data_dir.join("local"), pinned),
        }
    }

    fn embedded(root: PathBuf, pinned: Option<Pinned>) -> CoreResult<Self> {
        std::fs::create_dir_all(&root).map_err(|e| CoreError::file(&root, &e))?;
        let codes = Arc::new(CaptureSender::default());
        let mut config = ServerConfig::new(Some(root.join("server.sqlite3")), codes.clone());
        config.settings.otp_resend = std::time::Duration::ZERO;
        if let Some(pinned) = pinned {
            config.clock.set(pinned.now());
        }
        let running = RunningServer::start(&config)?;
        let staff_password = local_staff_password(&root)?;
        for (user, role) in [
            (LOCAL_STAFF_USER, StaffRole::Field),
            (LOCAL_COUNTER_USER, StaffRole::Counter),
        ] {
            dvc_server::auth::staff::ensure_staff(
                &running.state().db,
                user,
                &staff_password,
                LOCAL_STAFF_OFFICE,
                role,
            )?;
        }
        Ok(Self {
            root,
            server: Server::Embedded {
                running,
                codes,
                staff_password,
            },
            pinned,
        })
    }

    /// Opens a core with the catalogue the CLI embeds, its clock pinned
    /// like the shell's.
    fn open_core(&self, mut config: CoreConfig, store: Arc<FileSecureStore>) -> CoreResult<Core> {
        // File limits (bytes) for tests and deployments with other rules.
        config.max_file_bytes = env_number("DVC_MAX_FILE_BYTES");
        config.max_dossier_bytes = env_number("DVC_MAX_DOSSIER_BYTES");
        let core = Core::open_with_catalogue(config, store, dvc_core::catalogue::BUNDLED_JSON)?;
        if let Some(pinned) = self.pinned {
            core.clock().set(pinned.now());
        }
        Ok(core)
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.root
    }

    /// The server's base URL.
    pub fn url(&self) -> &str {
        match &self.server {
            Server::Embedded { running, .. } => running.url(),
            Server::Remote(url) => url,
        }
    }

    /// The core of `profile`, as it is (maybe signed out).
    pub fn core(&self, profile: Profile) -> CoreResult<Core> {
        self.device(self.dir_of(profile))
    }

    /// The folder of `profile`: on a remote server the counter works from
    /// the account `dvc staff login` signed in.
    fn dir_of(&self, profile: Profile) -> &'static str {
        match (&self.server, profile) {
            (Server::Remote(_), Profile::Counter) => Profile::Staff.dir_name(),
            _ => profile.dir_name(),
        }
    }

    /// The core of `profile` with no signal: its own folder, a server
    /// address nothing answers on.
    pub fn offline(&self, profile: Profile) -> CoreResult<Core> {
        let dir = self.root.join(self.dir_of(profile));
        let store = Arc::new(FileSecureStore::new(dir.join("secure-store.json")));
        let mut config = CoreConfig::new(dir.to_string_lossy(), OFFLINE_URL);
        config.request_timeout_ms = 1_000;
        self.open_core(config, store)
    }

    /// The core of another device, kept in its own folder `name`.
    pub fn device(&self, name: &str) -> CoreResult<Core> {
        let dir = self.root.join(name);
        std::fs::create_dir_all(&dir).map_err(|e| CoreError::file(&dir, &e))?;
        let store = Arc::new(FileSecureStore::new(dir.join("secure-store.json")));
        let mut config = CoreConfig::new(dir.to_string_lossy(), self.url());
        config.request_timeout_ms = request_timeout_ms();
        self.open_core(config, store)
    }

    /// The core of `profile`, signed in. On the embedded server the local
    /// citizen or staff member is signed in on its own; on a remote server
    /// the user must have run `dvc login` / `dvc staff login`.
    pub fn signed_in(&self, profile: Profile) -> CoreResult<Core> {
        let core = self.core(profile)?;
        if self.session_holds(&core)? {
            return Ok(core);
        }
        // Several `dvc` started at once take turns; whoever comes second
        // finds the first one's session (one code, no wrong tries).
        let _turn = self.sign_in_turn(profile)?;
        if self.session_holds(&core)? {
            return Ok(core);
        }
        match (&self.server, profile) {
            (Server::Embedded { codes, .. }, Profile::Citizen) => {
                self.sign_in_citizen_with(&core, LOCAL_CITIZEN_PHONE, codes)?;
            }
            (Server::Embedded { staff_password, .. }, Profile::Staff | Profile::Counter) => {
                let user = if profile == Profile::Counter {
                    LOCAL_COUNTER_USER
                } else {
                    LOCAL_STAFF_USER
                };
                core.block_on(
                    core.account()
                        .sign_in_staff(user.into(), staff_password.clone()),
                )?;
            }
            (Server::Remote(_), Profile::Citizen) => {
                return Err(not_signed_in(
                    "dvc login --phone <số điện thoại>",
                    "dvc login --phone <number>",
                ));
            }
            (Server::Remote(_), Profile::Staff | Profile::Counter) => {
                return Err(not_signed_in(
                    "dvc staff login --user <tên>",
                    "dvc staff login --user <name>",
                ));
            }
        }
        Ok(core)
    }

    /// True when `core` has a session the server still honours. On the
    /// embedded server it is asked (a reset database forgets every
    /// account, and the local accounts then sign in again on their own);
    /// a remote session is trusted until the server refuses it.
    fn session_holds(&self, core: &Core) -> CoreResult<bool> {
        if core.account().session()?.is_none() {
            return Ok(false);
        }
        match &self.server {
            Server::Remote(_) => Ok(true),
            Server::Embedded { .. } => match core.block_on(core.account().whoami()) {
                Ok(_) => Ok(true),
                Err(e) if e.kind() == ErrorKind::Unauthorised => Ok(false),
                Err(e) => Err(e),
            },
        }
    }

    /// Waits for this profile's sign-in lock (an OS file lock, released
    /// when the returned file is dropped, also if the process dies).
    fn sign_in_turn(&self, profile: Profile) -> CoreResult<std::fs::File> {
        let dir = self.root.join(self.dir_of(profile));
        std::fs::create_dir_all(&dir).map_err(|e| CoreError::file(&dir, &e))?;
        let path = dir.join("sign-in.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| CoreError::file(&path, &e))?;
        file.lock().map_err(|e| CoreError::file(&path, &e))?;
        Ok(file)
    }

    /// On the embedded server: the code just "sent by SMS" to `phone`.
    pub fn sent_code(&self, phone: &str) -> Option<String> {
        match &self.server {
            Server::Embedded { codes, .. } => codes.last_code(phone),
            Server::Remote(_) => None,
        }
    }

    fn sign_in_citizen_with(
        &self,
        core: &Core,
        phone: &str,
        codes: &CaptureSender,
    ) -> CoreResult<()> {
        let sent = core.block_on(core.account().request_code(phone.into()))?;
        let code = codes
            .last_code(&sent.phone)
            .ok_or_else(|| CoreError::internal("the embedded server sent no code"))?;
        core.block_on(core.account().sign_in_citizen(phone.into(), code))?;
        Ok(())
    }

    /// The embedded server's password of the local staff member.
    pub fn local_staff_password(&self) -> Option<&str> {
        match &self.server {
            Server::Embedded { staff_password, .. } => Some(staff_password),
            Server::Remote(_) => None,
        }
    }
}

fn not_signed_in(vi_cmd: &str, en_cmd: &str) -> CoreError {
    CoreError::new(
        ErrorKind::Unauthorised,
        "",
        format!("Chưa đăng nhập vào máy chủ này. Chạy: {vi_cmd}"),
        format!("Not signed in to this server. Run: {en_cmd}"),
    )
}

/// Per-request timeout from `DVC_REQUEST_TIMEOUT_MS` (0, the core's
/// default, when unset or unreadable).
fn request_timeout_ms() -> i32 {
    env_number("DVC_REQUEST_TIMEOUT_MS")
}

/// The number in environment variable `name`; 0 (the core's default)
/// when unset or unreadable.
fn env_number<T: std::str::FromStr + Default>(name: &str) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_default()
}

/// The local staff password, made once per data folder and kept private.
fn local_staff_password(root: &Path) -> CoreResult<String> {
    let path = root.join("local-staff.json");
    if let Ok(text) = std::fs::read_to_string(&path)
        && let Ok(staff) = serde_json::from_str::<LocalStaff>(&text)
    {
        return Ok(staff.password);
    }
    let staff = LocalStaff {
        username: LOCAL_STAFF_USER.to_owned(),
        password: dvc_core::ids::new_id()?,
    };
    // Written aside, then linked into place only if no other `dvc`
    // started at the same moment got there first (then theirs is used).
    let tmp = root.join(format!("local-staff.json.tmp-{}", std::process::id()));
    write_private(&tmp, serde_json::to_string_pretty(&staff)?.as_bytes())
        .map_err(|e| CoreError::file(&tmp, &e))?;
    let linked = std::fs::hard_link(&tmp, &path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(staff.password),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(&path).map_err(|e| CoreError::file(&path, &e))?;
            Ok(serde_json::from_str::<LocalStaff>(&text)?.password)
        }
        Err(e) => Err(CoreError::file(&path, &e)),
    }
}

/// A folder name for a remote server's profiles, so tokens never cross servers.
fn remote_dir_name(url: &str) -> String {
    let clean: String = url
        .trim_end_matches('/')
        .split("://")
        .last()
        .unwrap_or(url)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("remote-{clean}")
}

/// The default data folder: `$XDG_DATA_HOME/dvc`, else `~/.local/share/dvc`.
pub fn default_data_dir() -> PathBuf {
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(xdg).join("dvc");
    }
    match std::env::var_os("HOME") {
        Some(home) => PathBuf::from(home).join(".local/share/dvc"),
        None => PathBuf::from(".dvc"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_servers_get_separate_folders() {
        assert_eq!(
            remote_dir_name("http://127.0.0.1:8787/"),
            "remote-127.0.0.1_8787"
        );
        assert_ne!(
            remote_dir_name("https://a.vn"),
            remote_dir_name("https://b.vn")
        );
    }
}
