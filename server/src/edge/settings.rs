//! The figures the edge enforces, as data: timeouts, connection cap, body
//! limits and request rates. `dvc-server --help` and the README quote the
//! defaults.

use std::time::Duration;

/// Connection and request limits of the HTTP edge.
#[derive(Debug, Clone)]
pub struct EdgeSettings {
    /// A request's header must arrive within this time, and an idle
    /// keep-alive connection is closed after it.
    pub header_read_timeout: Duration,
    /// A request (body read, handler, answer) must finish within this time.
    pub request_timeout: Duration,
    /// Connections open at once; beyond it a new connection is closed at once.
    pub max_connections: usize,
    /// Connections open at once from one client address (one client cannot
    /// take every slot); beyond it its new connections are closed at once.
    pub max_connections_per_address: usize,
    /// Largest request body on most routes, in bytes.
    pub body_limit: usize,
    /// Largest request body of a field device's action batch, in bytes.
    pub batch_body_limit: usize,
}

impl Default for EdgeSettings {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_connections: 4_096,
            max_connections_per_address: 256,
            body_limit: 64 * 1024,
            batch_body_limit: 4 * 1024 * 1024,
        }
    }
}

/// Request rates and sign-in lockouts.
#[derive(Debug, Clone)]
pub struct RateSettings {
    /// Code requests one client address may make per minute.
    pub code_requests_per_address: u32,
    /// Code requests all clients together may make per minute (SMS spend).
    pub code_requests_global: u32,
    /// Codes sent to one phone per day (Vietnam time).
    pub codes_per_phone_per_day: u32,
    /// Code checks one client address may make per minute.
    pub code_checks_per_address: u32,
    /// Code checks all clients together may make per minute.
    pub code_checks_global: u32,
    /// Wrong codes for one phone before it is locked.
    pub code_failures_before_lock: u32,
    /// The first lockout of a phone; each further one doubles, up to a day.
    pub code_lock: Duration,
    /// Staff sign-ins one client address may try per minute.
    pub staff_sign_ins_per_address: u32,
    /// Wrong passwords for one account before it is locked.
    pub staff_failures_before_lock: u32,
    /// The first lockout of a staff account; each further one doubles, up to a day.
    pub staff_lock: Duration,
    /// Threads checking passwords (each check takes ~19 MiB for argon2);
    /// 64 more wait in a queue, beyond which a sign-in is "busy".
    pub password_checks: usize,
    /// Sessions (tokens) one staff account may hold; the oldest go first.
    pub staff_sessions: u32,
    /// Sessions one citizen account may hold.
    pub citizen_sessions: u32,
    /// Public track lookups one client address may make per minute.
    pub track_per_address: u32,
    /// Lookups of unknown dossiers one client address may make per minute.
    pub track_misses_per_address: u32,
    /// Misses of all clients together per minute.
    pub track_misses_global: u32,
    /// Wrong receipt checks for one dossier per hour; beyond, even the
    /// right check waits for the hour to end (the owner's token still works).
    pub wrong_checks_per_dossier: u32,
}

impl Default for RateSettings {
    fn default() -> Self {
        Self {
            code_requests_per_address: 30,
            code_requests_global: 600,
            codes_per_phone_per_day: 10,
            code_checks_per_address: 60,
            code_checks_global: 3_000,
            code_failures_before_lock: 5,
            code_lock: Duration::from_secs(15 * 60),
            staff_sign_ins_per_address: 30,
            staff_failures_before_lock: 5,
            staff_lock: Duration::from_secs(60),
            password_checks: std::thread::available_parallelism().map_or(2, |n| n.get()),
            staff_sessions: 5,
            citizen_sessions: 10,
            track_per_address: 120,
            track_misses_per_address: 20,
            track_misses_global: 600,
            wrong_checks_per_dossier: 10,
        }
    }
}

impl RateSettings {
    /// Per-address limits lifted (every test client shares 127.0.0.1);
    /// per-phone and per-account rules stay as they are.
    pub fn one_address_many_clients() -> Self {
        Self {
            code_requests_per_address: 1_000_000,
            code_requests_global: 1_000_000,
            code_checks_per_address: 1_000_000,
            code_checks_global: 1_000_000,
            staff_sign_ins_per_address: 1_000_000,
            track_per_address: 1_000_000,
            track_misses_per_address: 1_000_000,
            track_misses_global: 1_000_000,
            ..Self::default()
        }
    }
}
