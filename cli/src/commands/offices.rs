//! `dvc offices [--near LAT,LON]`: the agent offices.

use dvc_core::api::model::Office;
use dvc_core::{CoreError, CoreResult};

use crate::output::Output;
use crate::shell::{Profile, Shell};

/// Lists the offices, or the nearest ones to `near` (`LAT,LON`).
pub fn list(shell: &Shell, out: Output, near: Option<&str>, limit: u32) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    match near {
        None => {
            let offices = core.block_on(core.offices().list())?;
            out.show(&offices, |list| list.iter().for_each(print_office));
        }
        Some(position) => {
            let (lat, lon) = parse_position(position)?;
            let nearby = core.block_on(core.offices().nearest(lat, lon, limit))?;
            out.show(&nearby, |list| {
                for n in list {
                    print!("{:>6.2} km  ", n.distance_km);
                    print_office(&n.office);
                }
            });
        }
    }
    Ok(())
}

/// Parses `LAT,LON`.
pub fn parse_position(text: &str) -> CoreResult<(f64, f64)> {
    let bad = || {
        CoreError::invalid(
            "near",
            format!("Vị trí «{text}» cần dạng VĨ_ĐỘ,KINH_ĐỘ, ví dụ 21.03,105.85."),
            format!("Position “{text}” must be LAT,LON, e.g. 21.03,105.85."),
        )
    };
    let (lat, lon) = text.split_once(',').ok_or_else(bad)?;
    Ok((
        lat.trim().parse().map_err(|_| bad())?,
        lon.trim().parse().map_err(|_| bad())?,
    ))
}

/// One office on one line, with a sample marker where the data is invented.
pub fn print_office(o: &Office) {
    let sample = if o.sample {
        "  [dữ liệu mẫu / sample data]"
    } else {
        ""
    };
    println!(
        "{:<20} {} — {}, {}{sample}",
        o.id, o.name, o.address, o.ward
    );
}
