//! Facts + curation → catalogue format 2: which procedures are in (every
//! national template and Hanoi's own; internal ones and other provinces'
//! left out), and how each record is made.

use std::collections::HashMap;
use std::path::Path;

use dvc_core::calendar::TimeUnit;
use dvc_core::catalogue::model::{
    CatalogueData, ChannelInfo, FORMAT, Fee, FilingChannel, Group, Level, Origin, PostResult,
    Procedure,
};

use crate::cases;
use crate::curation::{self, Curated, Curation};
use crate::facts::{self, Detail, Listed};
use crate::text::{clean, procedure_name, shorten};

/// The catalogue version this converter writes.
pub const VERSION: &str = "2026.12.1";
/// When the portal's facts were crawled.
pub const RETRIEVED: &str = "2026-07-18";
/// Fee amounts under this are the portal's placeholders (a share, a
/// count), not đồng; the note says what applies.
const SMALLEST_FEE_VND: u64 = 1_000;

/// The catalogue JSON, one procedure a line (readable diffs).
pub fn build(root: &Path) -> Result<String, String> {
    let facts_dir = root.join("catalogue/facts/portal");
    let listed: Vec<Listed> = facts::read_lines(&facts_dir.join("procedures.jsonl"))?;
    let details: Vec<Detail> = facts::read_lines(&facts_dir.join("details.jsonl"))?;
    let curation = curation::load(&root.join("catalogue/curation"))?;
    let details: HashMap<&str, &Detail> = details.iter().map(|d| (d.code.as_str(), d)).collect();
    let mut procedures = Vec::new();
    for p in listed.iter().filter(|p| included(p)) {
        procedures.push(procedure(
            p,
            details.get(p.code.as_str()).copied(),
            &curation,
        )?);
    }
    for code in curation.curated.keys().chain(curation.keywords.keys()) {
        if !procedures.iter().any(|p| &p.code == code) {
            return Err(format!(
                "curated procedure {code} is not in the portal's list"
            ));
        }
    }
    procedures.sort_by(|a, b| a.code.cmp(&b.code));
    let data = CatalogueData {
        format: FORMAT,
        version: VERSION.to_owned(),
        note: format!(
            "Every national procedure (kind STANDARD) and Hanoi's own from the national public-service portal (dichvucong.gov.vn), crawled {RETRIEVED}: codes, official names, fields, agencies, target groups; channels, time limits, fees, documents and legal basis for the {} detailed ones. Short names, English names, keywords, conditions and notes are the team's curation (catalogue/curation). Fees set by Hanoi are not in the national data. Written by tools/catalogue.",
            details.len()
        ),
        synonyms: curation.synonyms.clone(),
        procedures,
    };
    dvc_core::catalogue::validate::validate(&data).map_err(|e| e.to_string())?;
    Ok(render(&data))
}

/// National templates and Hanoi's own procedures.
fn included(p: &Listed) -> bool {
    p.kind == "STANDARD"
        || (p.kind == "SPECIFIC" && p.issued_by.as_deref().is_some_and(|b| b.contains("Hà Nội")))
}

fn procedure(
    p: &Listed,
    detail: Option<&Detail>,
    curation: &Curation,
) -> Result<Procedure, String> {
    let name_vi = procedure_name(&p.name);
    let curated = curation.curated.get(&p.code);
    let names = curation.names.get(&p.code);
    let mut out = Procedure {
        code: p.code.clone(),
        short_vi: curated
            .map(|c| c.name_vi.clone())
            .or_else(|| names.map(|n| n.short_vi.clone()))
            .unwrap_or_else(|| shorten(&name_vi, 90)),
        name_en: curated
            .map(|c| c.name_en.clone())
            .or_else(|| names.map(|n| n.name_en.clone())),
        fields: p
            .fields
            .iter()
            .map(|f| clean(f))
            .filter(|f| !f.is_empty())
            .collect(),
        field_en: curated.map(|c| c.field_en.clone()),
        level: level(p, detail),
        agencies: p
            .agencies
            .iter()
            .map(|a| clean(a))
            .filter(|a| !a.is_empty())
            .collect(),
        agency_en: curated.map(|c| c.agency_en.clone()),
        groups: groups(&p.groups),
        origin: if p.kind == "SPECIFIC" {
            Origin::Hanoi
        } else {
            Origin::National
        },
        keywords: curated.map(|c| c.keywords.clone()).unwrap_or_default(),
        channels: detail.map(channels).unwrap_or_default(),
        time_limit_note_vi: curated.and_then(|c| c.time_limit_note_vi.clone()),
        time_limit_note_en: curated.and_then(|c| c.time_limit_note_en.clone()),
        result_by_post: curated.map_or(PostResult::Unknown, |c| c.result_by_post),
        presence: curated.and_then(|c| c.presence.clone()),
        results: detail
            .map(|d| {
                d.results
                    .iter()
                    .map(|r| clean(r))
                    .filter(|r| !r.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        legal_basis: detail
            .map(|d| d.legal_basis.iter().map(|l| clean(&l.code)).collect())
            .unwrap_or_default(),
        source: format!("Cổng Dịch vụ công quốc gia (dichvucong.gov.vn), retrieved {RETRIEVED}"),
        sourced: true,
        questions: Vec::new(),
        cases: None,
        documents: Vec::new(),
        notices: Vec::new(),
        name_vi,
    };
    if let Some(words) = curation.keywords.get(&p.code) {
        out.keywords.extend(words.iter().cloned());
    }
    if let Some(c) = curated {
        apply_curation(&mut out, c);
    } else if let (Some(d), Some(n)) = (detail, names) {
        let list = cases::checklist(d, n, curation)?;
        out.cases = list.cases;
        out.documents = list.documents;
        out.notices = list.notices;
    }
    Ok(out)
}

/// A curated record keeps its checklist, its sourced notes and, where the
/// portal gives no channels, its own channels and fees.
fn apply_curation(out: &mut Procedure, c: &Curated) {
    if !c.agency_vi.is_empty() {
        out.agencies.insert(0, c.agency_vi.clone());
        out.agencies.dedup();
    }
    if out.channels.is_empty() {
        out.channels = c
            .channels
            .iter()
            .map(|&channel| ChannelInfo {
                channel,
                time: c.time_limit_days,
                time_unit: TimeUnit::WorkingDay,
                fees: curated_fees(c, channel),
            })
            .collect();
    } else {
        for info in &mut out.channels {
            let fees = curated_fees(c, info.channel);
            if !fees.is_empty() {
                info.fees = fees;
            }
            // The portal gives some limits only in prose; the team sourced
            // them in working days.
            if info.time.is_none() && c.time_limit_days.is_some() {
                info.time = c.time_limit_days;
                info.time_unit = TimeUnit::WorkingDay;
            }
        }
        // Channels the team sourced beyond the national template (e.g. by
        // post through Hanoi's agents) run on the counter's time limit.
        let counter = out
            .channel(FilingChannel::Counter)
            .map(|i| (i.time, i.time_unit));
        for &channel in &c.channels {
            if out.channel(channel).is_none() {
                let (time, time_unit) =
                    counter.unwrap_or((c.time_limit_days, TimeUnit::WorkingDay));
                out.channels.push(ChannelInfo {
                    channel,
                    time,
                    time_unit,
                    fees: curated_fees(c, channel),
                });
            }
        }
        out.channels.sort_by_key(|i| i.channel as u8);
    }
    if out.legal_basis.is_empty() {
        out.legal_basis = c.legal_basis.clone();
    }
    out.source = format!("{}; {}", out.source, c.source);
    out.sourced = c.sourced;
    out.questions = c.questions.clone();
    out.documents = c.documents.clone();
    out.notices = c.notices.clone();
    if let Some(old) = &c.formerly {
        out.keywords.push(old.clone());
    }
}

/// The curated fees for `channel` (a fee for `any` channel applies to all).
fn curated_fees(c: &Curated, channel: FilingChannel) -> Vec<Fee> {
    let name = match channel {
        FilingChannel::Counter => "counter",
        FilingChannel::Post => "post",
        FilingChannel::Online => "online",
    };
    let exact: Vec<&curation::CuratedFee> = c.fees.iter().filter(|f| f.channel == name).collect();
    let chosen = if exact.is_empty() {
        c.fees.iter().filter(|f| f.channel == "any").collect()
    } else {
        exact
    };
    chosen
        .into_iter()
        .map(|f| Fee {
            amount_vnd: f.amount_vnd,
            note_vi: f.note_vi.clone(),
            note_en: f.note_en.clone(),
        })
        .collect()
}

fn channels(d: &Detail) -> Vec<ChannelInfo> {
    let mut out: Vec<ChannelInfo> = d
        .channels
        .iter()
        .filter_map(|c| {
            let channel = match c.channel.as_str() {
                "DIRECT" => FilingChannel::Counter,
                "ONLINE" => FilingChannel::Online,
                "POSTAL" => FilingChannel::Post,
                _ => return None,
            };
            let time_unit = match c.time_unit.as_str() {
                "WORKING_DAY" => TimeUnit::WorkingDay,
                "DAY" => TimeUnit::Day,
                "HOUR" => TimeUnit::Hour,
                "MONTH" => TimeUnit::Month,
                _ => TimeUnit::Other,
            };
            let fees = c
                .fees
                .iter()
                .map(|f| Fee {
                    amount_vnd: (f.amount == 0 || f.amount >= SMALLEST_FEE_VND).then_some(f.amount),
                    note_vi: f.note.as_deref().map(clean).filter(|n| !n.is_empty()),
                    note_en: None,
                })
                .collect();
            Some(ChannelInfo {
                channel,
                time: (time_unit != TimeUnit::Other).then_some(c.time),
                time_unit,
                fees,
            })
        })
        .collect();
    out.sort_by_key(|c| c.channel as u8);
    out.dedup_by_key(|c| c.channel);
    out
}

/// The detail's level; else the name's "(thực hiện tại cấp …)"; else the
/// agencies. District-level procedures moved to communes on 1 July 2025.
fn level(p: &Listed, detail: Option<&Detail>) -> Option<Level> {
    if let Some(d) = detail {
        let l = &d.level;
        return [
            (l.commune, Level::Commune),
            (l.province, Level::Province),
            (l.ministry, Level::Ministry),
            (l.other, Level::Other),
        ]
        .into_iter()
        .find_map(|(on, level)| on.then_some(level));
    }
    let name = p.name.to_lowercase();
    let by_name = [
        ("cấp xã", Level::Commune),
        ("cấp huyện", Level::Commune),
        ("cấp tỉnh", Level::Province),
        ("cấp trung ương", Level::Ministry),
    ];
    if let Some((_, level)) = by_name
        .iter()
        .find(|(w, _)| name.contains(&format!("thực hiện tại {w}")))
    {
        return Some(*level);
    }
    p.agencies
        .iter()
        .find_map(|a| agency_level(&a.to_lowercase()))
}

fn agency_level(a: &str) -> Option<Level> {
    if a.contains("cấp xã") || a.contains("cấp huyện") || a.contains("thuế cơ sở") {
        Some(Level::Commune)
    } else if a.contains("cấp tỉnh")
        || a.starts_with("sở ")
        || a.contains("tỉnh")
        || a.contains("hà nội")
    {
        Some(Level::Province)
    } else if a.starts_with("bộ ")
        || a.starts_with("cục ")
        || a.starts_with("tổng cục")
        || a.contains("chính phủ")
        || a.contains("nhà nước việt nam")
    {
        Some(Level::Ministry)
    } else {
        None
    }
}

/// The portal's target groups, grouped.
fn groups(raw: &[String]) -> Vec<Group> {
    let mut out: Vec<Group> = raw
        .iter()
        .map(|g| {
            let g = g.to_lowercase();
            if g.starts_with("công dân việt nam") {
                Group::Citizen
            } else if g.starts_with("doanh nghiệp") || g.starts_with("hợp tác xã") {
                Group::Business
            } else if g.starts_with("người nước ngoài") {
                Group::Foreigner
            } else if g.starts_with("người việt nam định cư") {
                Group::Overseas
            } else if g.starts_with("tổ chức") {
                Group::Organisation
            } else if g.starts_with("cán bộ") {
                Group::Official
            } else {
                Group::Other
            }
        })
        .collect();
    out.sort_by_key(|g| *g as u8);
    out.dedup();
    out
}

fn render(data: &CatalogueData) -> String {
    fn json<T: serde::Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap_or_default()
    }
    let rows: Vec<String> = data.procedures.iter().map(json).collect();
    format!(
        "{{\n\"format\": {},\n\"version\": {},\n\"note\": {},\n\"synonyms\": {},\n\"procedures\": [\n{}\n]\n}}\n",
        data.format,
        json(&data.version),
        json(&data.note),
        json(&data.synonyms),
        rows.join(",\n")
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn the_committed_catalogue_is_what_the_facts_and_curation_give() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        let committed = std::fs::read_to_string(root.join("core/data/catalogue.json")).unwrap();
        assert!(
            super::build(&root).unwrap() == committed,
            "core/data/catalogue.json is stale: run `cargo run -p dvc-catalogue`"
        );
    }
}
