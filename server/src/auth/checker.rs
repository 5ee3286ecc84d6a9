//! Password checks on a few dedicated threads. Each argon2 check needs
//! ~19 MiB; run on the general blocking pool, a flood spreads them over
//! hundreds of threads whose allocator arenas each keep a block (a 200
//! sign-in flood measured 1.6 GiB). Here a fixed set of long-lived
//! threads (one per core by default), each computing in one working
//! memory it keeps, takes checks from a bounded queue: memory stays at one
//! block per thread, and a full queue answers "busy" at once.

use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

/// Checks waiting beyond the running ones before "busy".
const QUEUE: usize = 64;

struct Job {
    password: String,
    phc: String,
    reply: oneshot::Sender<bool>,
}

/// The pool of password-checking threads.
#[derive(Debug)]
pub struct PasswordChecker {
    jobs: SyncSender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Job")
    }
}

impl PasswordChecker {
    /// Starts `threads` checking threads (at least one).
    pub fn start(threads: usize) -> Self {
        let (jobs, queue) = sync_channel::<Job>(QUEUE);
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..threads.max(1) {
            let queue = queue.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("dvc-password-{n}"))
                .spawn(move || work(&queue));
            if let Err(e) = spawned {
                tracing::error!(error = %e, "password check thread not started");
            }
        }
        Self { jobs }
    }

    /// True when `password` matches `phc`; `None` when the queue is full
    /// (or the pool is gone): the caller answers "busy".
    pub async fn verify(&self, password: String, phc: String) -> Option<bool> {
        let (reply, answer) = oneshot::channel();
        match self.jobs.try_send(Job {
            password,
            phc,
            reply,
        }) {
            Ok(()) => answer.await.ok(),
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => None,
        }
    }
}

fn work(queue: &Mutex<Receiver<Job>>) {
    // One argon2 working memory per thread, for the thread's life.
    let mut memory = Vec::new();
    loop {
        let job = {
            let rx = queue.lock().unwrap_or_else(|p| p.into_inner());
            rx.recv()
        };
        let Ok(job) = job else { return };
        // A caller that gave up has dropped its receiver: skip the work.
        if job.reply.is_closed() {
            continue;
        }
        let ok = super::password::verify_in(&job.password, &job.phc, &mut memory);
        let _ = job.reply.send(ok);
    }
}
