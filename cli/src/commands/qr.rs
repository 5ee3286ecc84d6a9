//! `dvc qr show|verify|keys`: a dossier's QR in the terminal and as files,
//! offline verification as the clerk, the trusted keys.

use std::path::Path;
use std::process::ExitCode;

use dvc_core::qr::view::{QrImage, Verification};
use dvc_core::{Core, CoreError, CoreResult, ErrorKind};

use crate::output::Output;
use crate::shell::{Profile, Shell};

/// Prints the QR of dossier `id` (a dossier code or server id; or a draft
/// id, whose code is unsigned and marked so) and writes the files asked for.
pub fn show(
    shell: &Shell,
    out: Output,
    id: &str,
    svg: Option<&Path>,
    png: Option<&Path>,
) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let image = image_for(shell, &core, id)?;
    if let Some(path) = svg {
        std::fs::write(path, &image.svg).map_err(|e| CoreError::file(path, &e))?;
    }
    if let Some(path) = png {
        std::fs::write(path, &image.png).map_err(|e| CoreError::file(path, &e))?;
    }
    out.show(&image, |image| {
        if let Ok(symbol) = dvc_core::qr::render::Symbol::new(&image.payload) {
            print!("{}", symbol.terminal());
            println!();
        }
        println!("{}", image.caption_vi);
        println!("{}", image.caption_en);
        println!(
            "{} ký tự, QR phiên bản {}-M / {} characters, QR version {}-M",
            image.payload.len(),
            image.version,
            image.payload.len(),
            image.version
        );
        println!("{}", image.payload);
        for (kind, path) in [("SVG", svg), ("PNG", png)] {
            if let Some(p) = path {
                println!("{kind}: {}", p.display());
            }
        }
    });
    Ok(())
}

fn image_for(shell: &Shell, core: &Core, id: &str) -> CoreResult<QrImage> {
    let qr = core.qr();
    match qr.dossier_code(id) {
        Ok(image) => return Ok(image),
        Err(e) if e.kind() != ErrorKind::NotFound => return Err(e),
        Err(_) => {}
    }
    if core.checklists().draft(id).is_ok() {
        return qr.draft_code(id);
    }
    // Not on this device yet: fetch the account's dossiers and try again.
    let core = shell.signed_in(Profile::Citizen)?;
    core.block_on(core.dossiers().refresh())?;
    core.qr().dossier_code(id)
}

/// Verifies a payload (or the QR in a PNG) offline, as the clerk. Exit 0
/// when valid, 1 otherwise.
pub fn verify(
    shell: &Shell,
    out: Output,
    payload: Option<&str>,
    image: Option<&Path>,
) -> CoreResult<ExitCode> {
    let text = match (payload, image) {
        (Some(p), None) => p.to_owned(),
        (None, Some(path)) => read_png(path)?,
        _ => {
            return Err(CoreError::invalid(
                "payload",
                "Cho mã (chuỗi DVC1:…) hoặc --image TỆP.png, một trong hai.",
                "Give the code (a DVC1:… text) or --image FILE.png, one of the two.",
            ));
        }
    };
    let core = shell.core(Profile::Staff)?;
    // Office names for the receiving unit, when the server is reachable.
    let _ = core.block_on(core.offices().list());
    if let Err(e) = core.block_on(core.qr().refresh_keys()) {
        if e.kind() != ErrorKind::Offline {
            return Err(e);
        }
        eprintln!("(ngoại tuyến: dùng khóa đã lưu / offline: using cached keys)");
    }
    let v = core.qr().verify(&text);
    let ok = v.valid;
    out.show(&v, print_verification);
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Prints a verification for a person.
pub fn print_verification(v: &Verification) {
    for line in verification_lines(v) {
        println!("{line}");
    }
}

/// A verification as lines of text for a person.
pub fn verification_lines(v: &Verification) -> Vec<String> {
    let mut out = vec![
        format!("{} {}", if v.valid { "✔" } else { "✘" }, v.message_vi),
        format!("  {}", v.message_en),
    ];
    if let Some(e) = v.error {
        out.push(format!("  lỗi/error: {}", e.as_str()));
    }
    if !v.valid && !v.unverified_draft {
        return out;
    }
    if let Some(p) = &v.procedure {
        out.push(format!(
            "  thủ tục/procedure: {p} {}",
            v.procedure_name_vi.as_deref().unwrap_or("")
        ));
    }
    if let Some(o) = &v.office_id {
        out.push(format!(
            "  nơi nhận/office: {o} {}",
            v.office_name.as_deref().unwrap_or("")
        ));
    }
    if let Some(a) = v.appointment {
        out.push(format!(
            "  lịch hẹn/appointment: {}",
            dvc_core::time::format_vn(a)
        ));
    }
    out.push(format!(
        "  giấy tờ có/documents held: {}/{} {}",
        v.documents_held_count,
        v.documents_total,
        v.documents_held.join(", ")
    ));
    out.push(format!(
        "  trả kết quả/result: {}",
        if v.home_delivery {
            "tại nhà / home delivery"
        } else {
            "tại bưu cục / pick up"
        }
    ));
    if let Some(x) = v.expires_at {
        out.push(format!(
            "  hết hạn/expires: {}",
            dvc_core::time::format_vn(x)
        ));
    }
    out
}

/// Lists the trusted keys (refreshed when the server is reachable).
pub fn keys(shell: &Shell, out: Output) -> CoreResult<()> {
    let core = shell.core(Profile::Staff)?;
    let keys = match core.block_on(core.qr().refresh_keys()) {
        Ok(keys) => keys,
        Err(e) if e.kind() == ErrorKind::Offline => {
            eprintln!("(ngoại tuyến: khóa đã lưu / offline: cached keys)");
            core.qr().keys()?
        }
        Err(e) => return Err(e),
    };
    out.show(&keys, |keys| {
        for k in keys {
            println!(
                "{}  {}  từ/from {}  đến/until {}",
                k.id,
                k.public_key,
                dvc_core::time::format_vn(k.valid_from),
                k.valid_until
                    .map(dvc_core::time::format_vn)
                    .unwrap_or_else(|| "—".into())
            );
        }
    });
    Ok(())
}

/// Reads the one QR code in a PNG image.
fn read_png(path: &Path) -> CoreResult<String> {
    let file = std::fs::File::open(path).map_err(|e| CoreError::file(path, &e))?;
    let bad = |detail: String| {
        CoreError::invalid(
            "image",
            format!("Không đọc được ảnh {}: {detail}", path.display()),
            format!("Cannot read the image {}: {detail}", path.display()),
        )
    };
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| bad(e.to_string()))?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|e| bad(e.to_string()))?;
    let channels = info.color_type.samples();
    let (w, h) = (info.width as usize, info.height as usize);
    let grey = |x: usize, y: usize| {
        let i = (y * w + x) * channels;
        let px = &buf[i..i + channels.min(3)];
        (px.iter().map(|&v| u32::from(v)).sum::<u32>() / px.len() as u32) as u8
    };
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, grey);
    let grids = img.detect_grids();
    let grid = grids
        .first()
        .ok_or_else(|| bad("no QR code found".into()))?;
    let (_, content) = grid.decode().map_err(|e| bad(e.to_string()))?;
    Ok(content)
}
