//! Office calls: the list (cached, so it works offline), nearest offices,
//! search by name or ward.

use std::sync::Arc;

use serde::Serialize;

use super::geo::distance_km;
use super::store;
use crate::api::model::Office;
use crate::catalogue::fold::fold_plain;
use crate::context::Context;
use crate::error::{CoreError, CoreResult, ErrorKind};

/// An office and how far it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NearbyOffice {
    /// The office.
    pub office: Office,
    /// Straight-line distance in kilometres.
    pub distance_km: f64,
}

/// Đại lý: the agent offices.
#[derive(Clone)]
pub struct OfficeService {
    ctx: Arc<Context>,
}

impl OfficeService {
    pub(crate) fn new(ctx: Arc<Context>) -> Self {
        Self { ctx }
    }

    /// All offices from the server, cached; offline, the cached list (an
    /// offline error only when nothing was ever fetched). No sign-in needed.
    pub async fn list(&self) -> CoreResult<Vec<Office>> {
        let ctx = self.ctx.clone();
        self.ctx
            .spawn(async move {
                match ctx.api.get::<Vec<Office>>("/v1/offices", None).await {
                    Ok(list) => {
                        ctx.db
                            .write(|tx| store::replace_all(tx, &list, ctx.now()))?;
                        Ok(list)
                    }
                    Err(e) if e.kind() == ErrorKind::Offline => {
                        let cached = ctx.db.read(store::all)?;
                        if cached.is_empty() {
                            Err(e)
                        } else {
                            Ok(cached)
                        }
                    }
                    Err(e) => Err(e),
                }
            })
            .await
    }

    /// The cached offices (works offline; empty before the first list).
    pub fn cached(&self) -> CoreResult<Vec<Office>> {
        self.ctx.db.read(store::all)
    }

    /// The `limit` offices nearest to a position, nearest first.
    pub async fn nearest(
        &self,
        latitude: f64,
        longitude: f64,
        limit: u32,
    ) -> CoreResult<Vec<NearbyOffice>> {
        if !(-90.0..=90.0).contains(&latitude) || !(-180.0..=180.0).contains(&longitude) {
            return Err(CoreError::invalid(
                "position",
                format!("Toạ độ không hợp lệ: {latitude}, {longitude}"),
                format!("Invalid position: {latitude}, {longitude}"),
            ));
        }
        Ok(rank_by_distance(
            self.list().await?,
            latitude,
            longitude,
            limit,
        ))
    }

    /// Offices whose name, address or ward contains `text` (any case, with
    /// or without diacritics).
    pub async fn search(&self, text: String) -> CoreResult<Vec<Office>> {
        let needle = fold_plain(&text);
        let all = self.list().await?;
        Ok(all
            .into_iter()
            .filter(|o| {
                needle.is_empty()
                    || fold_plain(&format!("{} {} {}", o.name, o.address, o.ward)).contains(&needle)
            })
            .collect())
    }
}

/// `offices` sorted by distance from a position, the first `limit`.
pub fn rank_by_distance(
    offices: Vec<Office>,
    latitude: f64,
    longitude: f64,
    limit: u32,
) -> Vec<NearbyOffice> {
    let mut ranked: Vec<NearbyOffice> = offices
        .into_iter()
        .map(|office| NearbyOffice {
            distance_km: (distance_km(latitude, longitude, office.latitude, office.longitude)
                * 100.0)
                .round()
                / 100.0,
            office,
        })
        .collect();
    ranked.sort_by(|a, b| a.distance_km.total_cmp(&b.distance_km));
    ranked.truncate(limit as usize);
    ranked
}
