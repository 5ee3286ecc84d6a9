//! Counts, positions and amounts as the apps read them: signed integers
//! (Kotlin `Int`/`Long`, Swift `Int32`/`Int64`), never `5u`. The core
//! counts in `usize`/`u32`/`u64` and converts here, saturating (real
//! counts stay far below the top).

/// `n` as an `i32` count (saturating).
pub(crate) fn of(n: impl TryInto<i32>) -> i32 {
    n.try_into().unwrap_or(i32::MAX)
}

/// `n` as an `i64` position or amount (saturating).
pub(crate) fn long(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

/// A signed amount from the wire as the core's unsigned one (negative: 0).
pub(crate) fn unsigned(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_saturate_and_negative_amounts_read_as_zero() {
        assert_eq!(super::of(7usize), 7);
        assert_eq!(super::of(u64::MAX), i32::MAX);
        assert_eq!(super::long(u64::MAX), i64::MAX);
        assert_eq!((super::unsigned(-3), super::unsigned(40)), (0, 40));
    }
}
