//! `/v1/dossiers`: citizens file and read their own dossiers; staff read
//! their office's. Anyone else's dossier is "not found", never "forbidden",
//! so ids cannot be probed.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use dvc_core::api::IDEMPOTENCY_HEADER;
use dvc_core::api::model::{AccountKind, Dossier, NewDossier, Principal};
use dvc_core::{CoreError, CoreResult, ErrorKind};
use rusqlite::{Connection, OptionalExtension, params};

use crate::auth::principal::Auth;
use crate::error::ApiResult;
use crate::idempotency;
use crate::state::AppState;

const CREATE_ROUTE: &str = "POST /v1/dossiers";

/// `GET /v1/dossiers`: the dossiers the account may see, newest first.
pub async fn list(State(state): State<AppState>, Auth(who): Auth) -> ApiResult<Json<Vec<Dossier>>> {
    let list = state
        .blocking(move |db| Ok(db.read(|c| visible(c, &who))?))
        .await?;
    Ok(Json(list))
}

/// `GET /v1/dossiers/{id}`: one dossier the account may see.
pub async fn get_one(
    State(state): State<AppState>,
    Auth(who): Auth,
    Path(id): Path<String>,
) -> ApiResult<Json<Dossier>> {
    let found = state
        .blocking(
            move |db| Ok(db.read(|c| Ok(visible(c, &who)?.into_iter().find(|d| d.id == id)))?),
        )
        .await?;
    found.map(Json).ok_or_else(|| not_found().into())
}

/// `POST /v1/dossiers`: a citizen files a dossier (idempotent with a key).
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Json(req): Json<NewDossier>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let who = auth.citizen()?.clone();
    let key = headers
        .get(IDEMPOTENCY_HEADER)
        .map(|v| v.to_str().unwrap_or("").to_owned());
    if let Some(k) = &key {
        idempotency::validate(k)?;
    }
    let (status, body) = state
        .blocking(move |db| {
            Ok(db.write(|tx| {
                if let Some(k) = &key
                    && let Some(answer) = idempotency::replay(tx, &who.account_id, k, CREATE_ROUTE)?
                {
                    return Ok(answer);
                }
                let dossier = insert(tx, &who, &req)?;
                let answer = (
                    StatusCode::CREATED.as_u16(),
                    serde_json::to_string(&dossier)?,
                );
                if let Some(k) = &key {
                    idempotency::remember(tx, &who.account_id, k, CREATE_ROUTE, &answer)?;
                }
                Ok(answer)
            })?)
        })
        .await?;
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::CREATED);
    let value: serde_json::Value = serde_json::from_str(&body).map_err(CoreError::from)?;
    Ok((status, Json(value)))
}

fn insert(tx: &Connection, who: &Principal, req: &NewDossier) -> CoreResult<Dossier> {
    let code = req.procedure_code.trim();
    if code.is_empty() || code.len() > 32 {
        return Err(CoreError::invalid(
            "procedure_code",
            "Mã thủ tục không hợp lệ.",
            "Invalid procedure code.",
        ));
    }
    let office: Option<String> = tx
        .query_row(
            "SELECT id FROM office WHERE id = ?1",
            [&req.office_id],
            |r| r.get(0),
        )
        .optional()?;
    if office.is_none() {
        return Err(CoreError::new(
            ErrorKind::InvalidData,
            "office_id",
            format!("Không có bưu cục {}.", req.office_id),
            format!("No office {}.", req.office_id),
        ));
    }
    let dossier = Dossier {
        id: dvc_core::ids::new_id()?,
        procedure_code: code.to_owned(),
        office_id: req.office_id.clone(),
        status_code: 1,
        submitted_at: Utc::now(),
    };
    tx.execute(
        "INSERT INTO dossier (id, owner_id, procedure_code, office_id, status_code, submitted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            dossier.id,
            who.account_id,
            dossier.procedure_code,
            dossier.office_id,
            dossier.status_code,
            dossier.submitted_at.to_rfc3339()
        ],
    )?;
    Ok(dossier)
}

/// The dossiers `who` may see: a citizen's own, or a staff member's office's.
fn visible(conn: &Connection, who: &Principal) -> CoreResult<Vec<Dossier>> {
    let (filter, value) = match who.kind {
        AccountKind::Citizen => ("owner_id = ?1", who.account_id.clone()),
        AccountKind::Staff => ("office_id = ?1", who.office_id.clone().unwrap_or_default()),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, procedure_code, office_id, status_code, submitted_at FROM dossier
         WHERE {filter} ORDER BY submitted_at DESC, id"
    ))?;
    let rows = stmt.query_map([value], |r| {
        let at: String = r.get(4)?;
        Ok(Dossier {
            id: r.get(0)?,
            procedure_code: r.get(1)?,
            office_id: r.get(2)?,
            status_code: r.get(3)?,
            submitted_at: DateTime::parse_from_rfc3339(&at)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        4,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn not_found() -> CoreError {
    CoreError::not_found("Không tìm thấy hồ sơ.", "Dossier not found.")
}
