//! Hành trình bưu gửi: the postal track beside the dossier's status — the
//! dossier picked up from the person's home and carried to the agency, and
//! the result carried from the agency to the door.

use serde::{Deserialize, Serialize};

/// One step of the postal track.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum PostalStep {
    /// Đã yêu cầu thu gom: a home pickup was requested.
    PickupRequested,
    /// Đã thu gom: staff collected the sealed dossier.
    Collected,
    /// Đã chuyển cơ quan: the dossier was handed to the agency.
    HandedToAgency,
    /// Kết quả đã giao bưu điện: the agency handed the result to the post.
    HandedToPost,
    /// Đang vận chuyển: in transit.
    InTransit,
    /// Đang phát: out for delivery.
    OutForDelivery,
    /// Đã phát: delivered, with proof.
    Delivered,
    /// Phát không thành công: a delivery attempt failed.
    DeliveryFailed,
    /// Đã chuyển hoàn: returned to the agency after two failed attempts.
    ReturnedToAgency,
}

impl PostalStep {
    /// Every step, in journey order.
    pub const ALL: [PostalStep; 9] = [
        Self::PickupRequested,
        Self::Collected,
        Self::HandedToAgency,
        Self::HandedToPost,
        Self::InTransit,
        Self::OutForDelivery,
        Self::Delivered,
        Self::DeliveryFailed,
        Self::ReturnedToAgency,
    ];

    /// The API name (`out_for_delivery`, …), also the event `kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PickupRequested => "pickup_requested",
            Self::Collected => "collected",
            Self::HandedToAgency => "handed_to_agency",
            Self::HandedToPost => "handed_to_post",
            Self::InTransit => "in_transit",
            Self::OutForDelivery => "out_for_delivery",
            Self::Delivered => "delivered",
            Self::DeliveryFailed => "delivery_failed",
            Self::ReturnedToAgency => "returned_to_agency",
        }
    }

    /// Parses [`PostalStep::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The step's name in Vietnamese.
    pub fn name_vi(self) -> &'static str {
        match self {
            Self::PickupRequested => "Đã yêu cầu thu gom hồ sơ tại nhà",
            Self::Collected => "Bưu điện đã thu gom hồ sơ",
            Self::HandedToAgency => "Đã chuyển hồ sơ đến cơ quan giải quyết",
            Self::HandedToPost => "Cơ quan đã giao kết quả cho bưu điện",
            Self::InTransit => "Kết quả đang được vận chuyển",
            Self::OutForDelivery => "Bưu tá đang mang kết quả đến nhà",
            Self::Delivered => "Đã phát kết quả tận nhà",
            Self::DeliveryFailed => "Phát không thành công",
            Self::ReturnedToAgency => "Đã chuyển hoàn kết quả về cơ quan",
        }
    }

    /// The step's name in English.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::PickupRequested => "Home pickup requested",
            Self::Collected => "Dossier collected by the post",
            Self::HandedToAgency => "Dossier handed to the agency",
            Self::HandedToPost => "Result handed to the post",
            Self::InTransit => "Result in transit",
            Self::OutForDelivery => "Out for delivery",
            Self::Delivered => "Result delivered at home",
            Self::DeliveryFailed => "Delivery attempt failed",
            Self::ReturnedToAgency => "Result returned to the agency",
        }
    }

    /// True once the item's journey is over.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Delivered | Self::ReturnedToAgency)
    }
}

/// Why a delivery attempt failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum FailReason {
    /// Không có người nhận: nobody at home.
    NotHome,
    /// Sai địa chỉ: address not found or wrong.
    WrongAddress,
    /// Người nhận từ chối: the recipient refused.
    Refused,
    /// Không xác minh được danh tính: identity could not be checked.
    NoIdentity,
    /// Lý do khác: other (see the note).
    Other,
}

impl FailReason {
    /// Every reason.
    pub const ALL: [FailReason; 5] = [
        Self::NotHome,
        Self::WrongAddress,
        Self::Refused,
        Self::NoIdentity,
        Self::Other,
    ];

    /// The API name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotHome => "not_home",
            Self::WrongAddress => "wrong_address",
            Self::Refused => "refused",
            Self::NoIdentity => "no_identity",
            Self::Other => "other",
        }
    }

    /// Parses [`FailReason::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// In Vietnamese.
    pub fn text_vi(self) -> &'static str {
        match self {
            Self::NotHome => "không có người nhận tại nhà",
            Self::WrongAddress => "sai hoặc không tìm thấy địa chỉ",
            Self::Refused => "người nhận từ chối nhận",
            Self::NoIdentity => "không xác minh được danh tính người nhận",
            Self::Other => "lý do khác",
        }
    }

    /// In English.
    pub fn text_en(self) -> &'static str {
        match self {
            Self::NotHome => "nobody at home",
            Self::WrongAddress => "address wrong or not found",
            Self::Refused => "the recipient refused",
            Self::NoIdentity => "the recipient's identity could not be checked",
            Self::Other => "other reason",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for step in PostalStep::ALL {
            assert_eq!(PostalStep::parse(step.as_str()), Some(step));
            assert_eq!(
                serde_json::to_value(step).unwrap(),
                serde_json::json!(step.as_str())
            );
        }
        for reason in FailReason::ALL {
            assert_eq!(FailReason::parse(reason.as_str()), Some(reason));
            assert_eq!(
                serde_json::to_value(reason).unwrap(),
                serde_json::json!(reason.as_str())
            );
        }
        assert_eq!(PostalStep::parse("lost"), None);
    }
}
