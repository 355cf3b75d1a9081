//! `stockland completions SHELL` and `stockland man`: shell completions and manual pages,
//! generated from the command-line definition itself (clap_complete, clap_mangen), so they
//! never drift from the commands.

use anyhow::Result;
use clap::CommandFactory;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct CompletionArgs {
    /// bash, zsh, fish, elvish or powershell.
    shell: clap_complete::Shell,
}

#[derive(clap::Args)]
pub struct ManArgs {
    /// Write `stockland.1` and one `stockland-COMMAND.1` per command into this directory (a
    /// new or empty one) instead of printing the main page.
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn completions(a: CompletionArgs) -> Result<u8> {
    let mut cmd = super::Cli::command();
    clap_complete::generate(a.shell, &mut cmd, "stockland", &mut std::io::stdout());
    Ok(0)
}

fn page(cmd: clap::Command) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut buf)?;
    Ok(buf)
}

pub fn man(a: ManArgs) -> Result<u8> {
    let cmd = super::Cli::command();
    let Some(dir) = a.out else {
        use std::io::Write;
        std::io::stdout().write_all(&page(cmd)?)?;
        return Ok(0);
    };
    super::ensure_new_or_empty(&dir)?;
    let mut files = vec![("stockland.1".to_string(), page(cmd.clone())?)];
    for sub in cmd.get_subcommands() {
        let name = format!("stockland-{}", sub.get_name());
        files.push((format!("{name}.1"), page(sub.clone().name(name))?));
    }
    stockland::files::write_all(&dir, &files)?;
    println!("wrote {} manual page(s) to {}", files.len(), dir.display());
    Ok(0)
}
