//! Every reason code the server or the core gives when it turns something
//! down: one enum, so the server writes them, the core reads them and the
//! documentation lists them from one place. A code this build does not know
//! (a newer server) reads as [`Reason::Other`]; the error keeps the code's
//! text and its bilingual message, so it is still shown and reported.

macro_rules! reasons {
    ($($(#[doc = $doc:literal])+ $variant:ident = $code:literal, $group:ident;)+) => {
        /// Why a request or a field action was refused: the stable code a
        /// screen can act on (`reason` in the HTTP API and `dvc --json`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        pub enum Reason {
            $($(#[doc = $doc])+ $variant,)+
            /// A code this build does not know (a newer server).
            Other,
        }

        impl Reason {
            /// Every known reason, in the documentation's order.
            pub const ALL: &'static [Reason] = &[$(Reason::$variant,)+];

            /// The stable snake_case code.
            pub fn code(self) -> &'static str {
                match self {
                    $(Reason::$variant => $code,)+
                    Reason::Other => "other",
                }
            }

            /// Where the reason comes up (the documentation's groups).
            pub fn group(self) -> ReasonGroup {
                match self {
                    $(Reason::$variant => ReasonGroup::$group,)+
                    Reason::Other => ReasonGroup::Other,
                }
            }

            /// The reason with `code`; [`Reason::Other`] for one this build
            /// does not know. (A search of [`Reason::ALL`], smaller in the
            /// library than a string match.)
            pub fn parse(code: &str) -> Reason {
                Reason::ALL
                    .iter()
                    .copied()
                    .find(|r| r.code() == code)
                    .unwrap_or(Reason::Other)
            }
        }
    };
}

/// Where a [`Reason`] comes up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReasonGroup {
    /// Booking an appointment.
    Booking,
    /// Filing a dossier, at the counter, online or at the door.
    Filing,
    /// The agency's and the post's moves of a dossier or item.
    AgencyAndPost,
    /// Field actions checked on the phone before they are recorded.
    FieldAction,
    /// Field actions turned down by the server inside a sync.
    FieldSync,
    /// Any request body.
    AnyBody,
    /// Sign-out, recovery and QR codes on the phone.
    Device,
    /// Sign-in and the HTTP edge (429/503 with `Retry-After`).
    SignIn,
    /// Attaching, uploading and reading files (pages, signatures, photos).
    Files,
    /// A code this build does not know.
    Other,
}

reasons! {
    /// The time slot has no place left.
    SlotFull = "slot_full", Booking;
    /// No place is free on that day.
    NoFreeSlot = "no_free_slot", Booking;
    /// The time is not bookable (closed day, outside opening hours).
    NotBookable = "not_bookable", Booking;
    /// The time is in the past.
    InThePast = "in_the_past", Booking;
    /// The time is beyond the booking window or inside the notice period.
    OutsideBookingWindow = "outside_booking_window", Booking;
    /// One booking per office and day.
    OnePerDay = "one_per_day", Booking;
    /// The citizen holds the most active bookings allowed.
    TooManyBookings = "too_many_bookings", Booking;
    /// This booking was made already.
    AlreadyBooked = "already_booked", Booking;
    /// The booking was cancelled.
    Cancelled = "cancelled", Booking;
    /// The booking is for another procedure or office.
    BookingMismatch = "booking_mismatch", Booking;
    /// The catalogue has no procedure with that code.
    UnknownProcedure = "unknown_procedure", Filing;
    /// No agent office has that id.
    UnknownOffice = "unknown_office", Filing;
    /// The procedure asks for no document with that id.
    UnknownDocument = "unknown_document", Filing;
    /// The procedure asks no question with that id.
    UnknownQuestion = "unknown_question", Filing;
    /// A question is answered twice.
    DuplicateAnswer = "duplicate_answer", Filing;
    /// Home delivery or a home visit without an address.
    NoAddress = "no_address", Filing;
    /// The citizen has filed the most dossiers allowed today (10).
    DailyDossierLimit = "daily_dossier_limit", Filing;
    /// The office's daily sequence of dossier codes is used up.
    DailyLimit = "daily_limit", Filing;
    /// The citizen has the most open dossiers allowed (20).
    TooManyOpenDossiers = "too_many_open_dossiers", Filing;
    /// The dossier is being processed and cannot be changed.
    InProcess = "in_process", AgencyAndPost;
    /// The dossier's status cannot move that way.
    StatusMove = "status_move", AgencyAndPost;
    /// The dossier is not processed yet.
    NotProcessed = "not_processed", AgencyAndPost;
    /// The result was dispatched already.
    AlreadyDispatched = "already_dispatched", AgencyAndPost;
    /// The result goes home by post: the postman's delivery records it.
    HomeDelivery = "home_delivery", AgencyAndPost;
    /// The result is collected at the counter, not delivered home.
    NoHomeDelivery = "no_home_delivery", AgencyAndPost;
    /// The postal item is closed.
    ItemClosed = "item_closed", AgencyAndPost;
    /// The office has no field staff to send.
    NoFieldStaff = "no_field_staff", AgencyAndPost;
    /// No field staff member has that name at the office.
    UnknownAssignee = "unknown_assignee", AgencyAndPost;
    /// The visit's time window ends before it starts.
    WindowOrder = "window_order", AgencyAndPost;
    /// The item number is not a valid S10 number.
    InvalidS10 = "invalid_s10", AgencyAndPost;
    /// The item number is used by another item.
    S10Taken = "s10_taken", AgencyAndPost;
    /// The visit has a dossier already.
    DossierExists = "dossier_exists", FieldAction;
    /// The visit is done.
    VisitDone = "visit_done", FieldAction;
    /// The QR code belongs to another dossier than the visit's.
    WrongDossier = "wrong_dossier", FieldAction;
    /// The item number is not the delivery's.
    WrongItem = "wrong_item", FieldAction;
    /// The device id belongs to another staff member (the sync stops).
    DeviceEnrolled = "device_enrolled", FieldSync;
    /// The visit is no longer on the system.
    UnknownVisit = "unknown_visit", FieldSync;
    /// The visit was given to someone else.
    NotAssigned = "not_assigned", FieldSync;
    /// The visit was closed by an earlier action (superseded).
    VisitClosed = "visit_closed", FieldSync;
    /// The action is dated before the visit was planned or dispatched.
    TimeBeforeVisit = "time_before_visit", FieldSync;
    /// The action is dated in the future.
    TimeInFuture = "time_in_future", FieldSync;
    /// A delivery without the recipient's identity check.
    IdentityNotChecked = "identity_not_checked", FieldSync;
    /// A delivery without the recipient's name.
    NoRecipient = "no_recipient", FieldSync;
    /// The signature or photo evidence is not a SHA-256.
    BadEvidenceHash = "bad_evidence_hash", FieldSync;
    /// A pick-up action on a visit that is not a pick-up.
    NotAPickup = "not_a_pickup", FieldSync;
    /// A delivery action on a visit that is not a delivery.
    NotADelivery = "not_a_delivery", FieldSync;
    /// The dossier made at the door is not valid.
    InvalidDossier = "invalid_dossier", FieldSync;
    /// The visit has no dossier yet.
    NoDossier = "no_dossier", FieldSync;
    /// The visit has no postal item yet.
    NoItem = "no_item", FieldSync;
    /// The device's log does not link up (quarantined for the office).
    ChainCheckFailed = "chain_check_failed", FieldSync;
    /// The action cannot be read.
    Unreadable = "unreadable", FieldSync;
    /// The action holds text the server does not store.
    UnsafeText = "unsafe_text", FieldSync;
    /// The action is too large.
    TooLarge = "too_large", FieldSync;
    /// The action's idempotency key is not valid.
    InvalidKey = "invalid_key", FieldSync;
    /// The entry's sequence, hash or device is not valid.
    InvalidEntry = "invalid_entry", FieldSync;
    /// A field of the action is not valid.
    InvalidData = "invalid_data", FieldSync;
    /// A date before 2000 or after 2100.
    DateOutOfRange = "date_out_of_range", AnyBody;
    /// Actions wait to be sent: sign-out would strand them.
    UnsentActions = "unsent_actions", Device;
    /// Drafts would be deleted: confirm with `discard_drafts`.
    DraftsWillBeLost = "drafts_will_be_lost", Device;
    /// New actions were recorded after the damage: sync them first.
    LogNotEmpty = "log_not_empty", Device;
    /// The QR code cannot be made from this draft.
    QrInvalid = "qr_invalid", Device;
    /// Too many wrong tries: locked for a while.
    Locked = "locked", SignIn;
    /// Too many requests too fast.
    RateLimited = "rate_limited", SignIn;
    /// Too many codes asked for today.
    DailyCodeLimit = "daily_code_limit", SignIn;
    /// A code was sent moments ago.
    CodeRecentlySent = "code_recently_sent", SignIn;
    /// A file is larger than one file may be.
    FileTooLarge = "file_too_large", Files;
    /// The dossier's files together are larger than one dossier may hold.
    DossierTooLarge = "dossier_too_large", Files;
    /// A document has the most pages it may have.
    TooManyPages = "too_many_pages", Files;
    /// The file is not a JPEG, PNG or PDF (checked by its first bytes),
    /// or not the type it was declared as.
    WrongFileType = "wrong_file_type", Files;
    /// The bytes received do not have the SHA-256 the upload declared.
    HashMismatch = "hash_mismatch", Files;
    /// A chunk does not start where the upload stands (its `received`).
    WrongOffset = "wrong_offset", Files;
    /// The account's storage or today's upload allowance is used up.
    UploadQuota = "upload_quota", Files;
    /// A dossier or field action names a file the account has not uploaded.
    FileMissing = "file_missing", Files;
}

impl serde::Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::{Reason, ReasonGroup};

    #[test]
    fn every_code_parses_back_and_is_unique() {
        let mut seen = std::collections::HashSet::new();
        for &reason in Reason::ALL {
            assert_eq!(Reason::parse(reason.code()), reason);
            assert!(seen.insert(reason.code()), "{reason} twice");
            assert_ne!(reason.group(), ReasonGroup::Other);
        }
    }

    #[test]
    fn an_unknown_code_falls_back_to_other() {
        assert_eq!(Reason::parse("brand_new_reason"), Reason::Other);
        assert_eq!(Reason::parse(""), Reason::Other);
    }

    #[test]
    fn the_architecture_document_lists_every_code() {
        let doc = include_str!("../../docs/ARCHITECTURE.md");
        let missing: Vec<_> = Reason::ALL
            .iter()
            .filter(|r| !doc.contains(&format!("`{}`", r.code())))
            .collect();
        assert!(missing.is_empty(), "not in ARCHITECTURE.md: {missing:?}");
    }
}
