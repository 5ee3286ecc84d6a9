//! `dvc offices`: the agent offices.

use dvc_core::CoreResult;
use dvc_core::api::model::Office;

use crate::output::Output;
use crate::shell::{Profile, Shell};

/// Lists the offices the server publishes.
pub fn list(shell: &Shell, out: Output) -> CoreResult<()> {
    let core = shell.core(Profile::Citizen)?;
    let offices = core.block_on(core.offices().list())?;
    out.show(&offices, |list| list.iter().for_each(print_office));
    Ok(())
}

/// One office on one line, with a sample marker where the data is invented.
pub fn print_office(o: &Office) {
    let sample = if o.sample {
        "  [dữ liệu mẫu / sample data]"
    } else {
        ""
    };
    println!("{:<22} {} — {}{sample}", o.id, o.name, o.address);
}
