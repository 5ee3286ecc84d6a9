//! Counts and durations cross the FFI as signed integers (Kotlin `Int`,
//! Swift `Int32`), so apps write `5`, not `5u`; the core keeps them
//! unsigned. A negative count or duration from an app reads as zero.

/// `n` as the core's unsigned count (negative: zero).
pub(crate) fn count_in(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// `n` as the core's unsigned duration (negative: zero).
pub(crate) fn duration_in(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// The core's count `n` for an app (saturating; counts stay far below).
pub(crate) fn count_out(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::{count_in, count_out, duration_in};

    #[test]
    fn negative_inputs_read_as_zero_and_outputs_saturate() {
        assert_eq!((count_in(-5), count_in(7)), (0, 7));
        assert_eq!((duration_in(-1), duration_in(3_600)), (0, 3_600));
        assert_eq!((count_out(u32::MAX), count_out(12)), (i32::MAX, 12));
    }
}
