//! The Landlock layer: files, TCP, signal and abstract-socket scoping.

use crate::policy::{Grant, Policy, to_os};
use landlock::{
    ABI, Access, AccessFs, AccessNet, BitFlags, PathBeneath, PathFd, Ruleset, RulesetAttr,
    RulesetCreatedAttr, RulesetError, RulesetStatus, Scope,
};
use std::path::{Path, PathBuf};

/// The filesystem rights handled (so denied unless granted): every right up to ABI 9 —
/// execute, read, list, write, truncate, create/remove/rename, `ioctl` on devices, connect to
/// Unix sockets bound to paths. Rights that the running kernel does not know are dropped
/// (Landlock's best-effort mode); see the crate documentation for what each ABI adds.
const FS_ABI: ABI = ABI::V9;

fn error(e: RulesetError) -> String {
    format!("Landlock: {e}")
}

/// Restricts this thread (the process is single-threaded) to the policy's paths and the
/// program, denies TCP when the policy has no network, and scopes signals and abstract Unix
/// sockets when `scoping` (ABI ≥ 6).
pub(super) fn restrict(policy: &Policy, program: &Path, scoping: bool) -> Result<(), String> {
    let all = AccessFs::from_all(FS_ABI);
    let read: BitFlags<AccessFs> = AccessFs::ReadFile | AccessFs::ReadDir;
    let mut ruleset = Ruleset::default().handle_access(all).map_err(error)?;
    if policy.no_network {
        ruleset = ruleset
            .handle_access(AccessNet::from_all(ABI::V4))
            .map_err(error)?;
    }
    if scoping {
        ruleset = ruleset.scope(Scope::from_all(ABI::V6)).map_err(error)?;
    }
    let mut created = ruleset.create().map_err(error)?;
    let rules = policy
        .rules
        .iter()
        .map(|rule| (PathBuf::from(to_os(&rule.path)), rule.grant))
        .chain([(program.to_path_buf(), Grant::ReadExec)]);
    for (path, grant) in rules {
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("cannot grant {}: {e}", path.display())),
        };
        let mut access = match grant {
            Grant::Read => read,
            Grant::ReadExec => read | AccessFs::Execute,
            Grant::Write => all & !AccessFs::Execute,
        };
        if !meta.is_dir() {
            access &= AccessFs::from_file(FS_ABI);
        }
        let fd = PathFd::new(&path).map_err(|e| format!("cannot grant {}: {e}", path.display()))?;
        created = created
            .add_rule(PathBeneath::new(fd, access))
            .map_err(error)?;
    }
    let status = created.restrict_self().map_err(error)?;
    if status.ruleset == RulesetStatus::NotEnforced {
        return Err("Landlock: the ruleset was not enforced".into());
    }
    Ok(())
}
