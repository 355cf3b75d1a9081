//! `stockland sweep emit slurm|k8s N`: a sweep run in N shards on an existing engine, and
//! merged when every shard is done.
//!
//! - Slurm: one script. `bash SCRIPT` on a login node submits it as a job array
//!   (`#SBATCH --array=0-(N-1)`, the shard from `SLURM_ARRAY_TASK_ID`) and a merge job that
//!   depends on the array's success (`afterok`).
//! - Kubernetes: an Indexed Job (`completionMode: Indexed`, the shard from
//!   `JOB_COMPLETION_INDEX`) and a merge Job that waits for every shard's `complete` marker
//!   on the shared volume, then merges.
//!
//! Either way each shard writes into `DIR/shard-I` and resumes if restarted; the merge
//! writes `DIR/merged`.

use anyhow::{ensure, Result};
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Engine {
    Slurm,
    K8s,
}

#[derive(clap::Args)]
pub struct Args {
    engine: Engine,
    /// Number of shards.
    shards: usize,
    /// The sweep file, as the cluster's nodes see it.
    #[arg(long)]
    sweep: String,
    /// The shared directory of the shards and the merge, as the nodes see it.
    #[arg(long)]
    dir: String,
    /// Write the script or manifest to this file (refused if it exists) instead of printing.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Cores per shard (Slurm's --cpus-per-task; a pod's CPU request); each shard runs
    /// that many workers.
    #[arg(long, default_value_t = 2)]
    cpus: usize,
    /// Wall-clock limit per shard (Slurm --time).
    #[arg(long, default_value = "08:00:00")]
    time: String,
    /// Container image with `stockland` on its PATH (Kubernetes).
    #[arg(long, default_value = "stockland:latest")]
    image: String,
    /// PersistentVolumeClaim shared by the pods (Kubernetes).
    #[arg(long, default_value = "stockland-data")]
    claim: String,
    /// Where the claim is mounted in the pods (Kubernetes); --dir and --sweep lie under it.
    #[arg(long, default_value = "/data")]
    mount: String,
}

pub fn run(a: Args) -> Result<u8> {
    ensure!(
        (1..=100_000).contains(&a.shards),
        "N: expected 1 to 100000 shards, found {}",
        a.shards
    );
    ensure!(a.cpus >= 1, "--cpus: expected at least 1");
    for (flag, v) in [
        ("--sweep", &a.sweep),
        ("--dir", &a.dir),
        ("--time", &a.time),
        ("--image", &a.image),
        ("--claim", &a.claim),
        ("--mount", &a.mount),
    ] {
        ensure!(
            !v.is_empty() && !v.chars().any(|c| c.is_control()),
            "{flag}: expected a non-empty value without control characters"
        );
    }
    let text = match a.engine {
        Engine::Slurm => slurm(&a),
        Engine::K8s => k8s(&a),
    };
    match &a.out {
        None => print!("{text}"),
        Some(f) => {
            ensure!(
                !f.exists(),
                "{}: exists: expected a new file (nothing is overwritten)",
                f.display()
            );
            stockland::files::write_atomic(f, text.as_bytes())?;
            if a.engine == Engine::Slurm {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o755));
            }
        }
    }
    Ok(0)
}

/// `s` as one shell word in single quotes.
fn sh(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The POSIX shell lines that merge `n` shards of `$DIR` into `$DIR/merged`.
fn merge_lines(n: usize) -> String {
    format!(
        r#"set --; i=0; while [ "$i" -lt {n} ]; do set -- "$@" "$DIR/shard-$i"; i=$((i+1)); done; exec "$STOCKLAND" sweep merge "$@" --out "$DIR/merged" --quiet"#
    )
}

fn slurm(a: &Args) -> String {
    let n = a.shards;
    let mut s = String::new();
    let _ = writeln!(s, "#!/bin/bash");
    let _ = writeln!(s, "# stockland sweep in {n} shard(s) on Slurm. Submit with `bash THIS_SCRIPT` on a login node:");
    let _ = writeln!(
        s,
        "# it submits itself as a job array (one task per shard) and a merge job that runs when"
    );
    let _ = writeln!(
        s,
        "# every task has ended well. A shard resubmitted resumes where it stopped."
    );
    let _ = writeln!(s, "#SBATCH --job-name=stockland-sweep");
    let _ = writeln!(s, "#SBATCH --array=0-{}", n - 1);
    let _ = writeln!(s, "#SBATCH --cpus-per-task={}", a.cpus);
    let _ = writeln!(s, "#SBATCH --time={}", a.time);
    let _ = writeln!(s, "#SBATCH --output=slurm-stockland-%A_%a.out");
    let _ = writeln!(s, "set -eu");
    let _ = writeln!(s, "STOCKLAND=\"${{STOCKLAND:-stockland}}\"");
    let _ = writeln!(s, "SWEEP={}", sh(&a.sweep));
    let _ = writeln!(s, "DIR={}", sh(&a.dir));
    let _ = writeln!(s, "if [ \"${{1:-}}\" = merge ]; then");
    let _ = writeln!(s, "  {}", merge_lines(n));
    let _ = writeln!(s, "elif [ -n \"${{SLURM_ARRAY_TASK_ID:-}}\" ]; then");
    let _ = writeln!(
        s,
        "  exec \"$STOCKLAND\" sweep \"$SWEEP\" --shard \"$SLURM_ARRAY_TASK_ID/{n}\" --out \"$DIR/shard-$SLURM_ARRAY_TASK_ID\" --workers \"${{SLURM_CPUS_PER_TASK:-{}}}\" --quiet",
        a.cpus
    );
    let _ = writeln!(s, "else");
    let _ = writeln!(s, "  script=\"$(readlink -f \"$0\")\"");
    let _ = writeln!(s, "  mkdir -p \"$DIR\"");
    let _ = writeln!(s, "  jid=\"$(sbatch --parsable \"$script\")\"");
    let _ = writeln!(
        s,
        "  mid=\"$(sbatch --parsable --dependency=\"afterok:$jid\" --job-name=stockland-merge --output=\"$DIR/merge-%j.out\" --wrap \"bash '$script' merge\")\""
    );
    let _ = writeln!(
        s,
        "  echo \"submitted the array $jid ({n} shards into $DIR/shard-*) and the merge $mid (into $DIR/merged)\""
    );
    let _ = writeln!(s, "fi");
    s
}

/// A YAML scalar: a JSON string is a valid YAML double-quoted scalar.
fn y(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn k8s(a: &Args) -> String {
    let n = a.shards;
    let shard_cmd = format!(
        r#"exec "$STOCKLAND" sweep "$SWEEP" --shard "$JOB_COMPLETION_INDEX/{n}" --out "$DIR/shard-$JOB_COMPLETION_INDEX" --workers {} --quiet"#,
        a.cpus
    );
    let merge_cmd = format!(
        r#"until [ "$(ls "$DIR"/shard-*/complete 2>/dev/null | wc -l)" -ge {n} ]; do sleep 30; done; {}"#,
        merge_lines(n)
    );
    let env = format!(
        "          env:\n            - name: STOCKLAND\n              value: \"stockland\"\n            - name: SWEEP\n              value: {}\n            - name: DIR\n              value: {}\n",
        y(&a.sweep),
        y(&a.dir)
    );
    let volume = format!(
        "          volumeMounts:\n            - name: data\n              mountPath: {}\n      volumes:\n        - name: data\n          persistentVolumeClaim:\n            claimName: {}\n",
        y(&a.mount),
        y(&a.claim)
    );
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# stockland sweep in {n} shard(s) on Kubernetes: kubectl apply -f THIS_FILE"
    );
    let _ = writeln!(
        s,
        "# The Indexed Job runs shard I in the pod of completion index I; the merge Job waits"
    );
    let _ = writeln!(
        s,
        "# until every shard has written DIR/shard-I/complete on the shared volume, then merges"
    );
    let _ = writeln!(
        s,
        "# into DIR/merged. A shard's pod restarted resumes where it stopped."
    );
    let _ = write!(
        s,
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: stockland-sweep\nspec:\n  completionMode: Indexed\n  completions: {n}\n  parallelism: {n}\n  backoffLimit: {}\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n        - name: shard\n          image: {}\n          command: [\"sh\", \"-c\", {}]\n{env}          resources:\n            requests:\n              cpu: \"{}\"\n{volume}---\n",
        3 * n,
        y(&a.image),
        y(&shard_cmd),
        a.cpus
    );
    let _ = write!(
        s,
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: stockland-sweep-merge\nspec:\n  backoffLimit: 3\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n        - name: merge\n          image: {}\n          command: [\"sh\", \"-c\", {}]\n{env}{volume}",
        y(&a.image),
        y(&merge_cmd)
    );
    s
}
