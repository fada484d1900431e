//! The seccomp layer: system calls that create processes, reach other processes or the kernel,
//! open sockets.
//!
//! Four filters, one per answer (a seccompiler filter has one action on match), each allowing
//! whatever it does not match; the kernel returns the strictest answer of all filters, and
//! here no system call is matched by two of them. A call from another architecture (i386's
//! `int 0x80`, AArch32) kills the process (seccompiler's architecture check).
//!
//! Compiled for x86_64 and aarch64 only (the system call lists are theirs).

use seccompiler::{
    BpfProgram, SeccompAction, SeccompCmpArgLen as Len, SeccompCmpOp as Op,
    SeccompCondition as Cond, SeccompFilter, SeccompRule, TargetArch,
};
use std::collections::BTreeMap;

/// This crate has seccomp filters for this architecture.
pub(super) const ARCH_SUPPORTED: bool = true;

/// What to filter, decided by the launcher.
pub(super) struct Plan {
    /// Deny `fork`, `vfork`, `clone` without `CLONE_THREAD`, and `execve` except the
    /// launcher's own.
    pub(super) no_fork: bool,
    /// Deny `socket`.
    pub(super) no_network: bool,
    /// Landlock does not scope signals here (ABI < 6, or pretended): allow signals only to
    /// this process (`self_pid`, its process group).
    pub(super) signal_fallback: bool,
    /// Landlock is there but does not handle `truncate(2)` (ABI < 3): deny it.
    pub(super) deny_truncate: bool,
    /// The pid of the launcher, which the program keeps.
    pub(super) self_pid: i32,
    /// The address of the path argument of the launcher's `execve`.
    pub(super) exec_path: u64,
}

/// System calls denied with `EPERM` whatever their arguments: tracing and reading other
/// processes' memory, mounts and namespaces, keyrings, BPF, perf, userfaultfd, kernel
/// modules and kexec, reboot, swap, file handles (which bypass paths), process accounting,
/// quotas, the kernel log, and leaving the session or process group.
const ALWAYS_DENIED: &[i64] = &[
    libc::SYS_ptrace,
    libc::SYS_process_vm_readv,
    libc::SYS_process_vm_writev,
    libc::SYS_pidfd_getfd,
    libc::SYS_kcmp,
    libc::SYS_mount,
    libc::SYS_umount2,
    libc::SYS_fsopen,
    libc::SYS_fsconfig,
    libc::SYS_fsmount,
    libc::SYS_fspick,
    libc::SYS_move_mount,
    libc::SYS_open_tree,
    libc::SYS_mount_setattr,
    libc::SYS_pivot_root,
    libc::SYS_chroot,
    libc::SYS_unshare,
    libc::SYS_setns,
    libc::SYS_keyctl,
    libc::SYS_add_key,
    libc::SYS_request_key,
    libc::SYS_bpf,
    libc::SYS_perf_event_open,
    libc::SYS_userfaultfd,
    libc::SYS_kexec_load,
    libc::SYS_kexec_file_load,
    libc::SYS_init_module,
    libc::SYS_finit_module,
    libc::SYS_delete_module,
    libc::SYS_reboot,
    libc::SYS_swapon,
    libc::SYS_swapoff,
    libc::SYS_open_by_handle_at,
    libc::SYS_name_to_handle_at,
    libc::SYS_acct,
    libc::SYS_quotactl,
    libc::SYS_syslog,
    libc::SYS_setsid,
    libc::SYS_setpgid,
    #[cfg(target_arch = "x86_64")]
    libc::SYS_iopl,
    #[cfg(target_arch = "x86_64")]
    libc::SYS_ioperm,
    #[cfg(target_arch = "x86_64")]
    libc::SYS_uselib,
];

/// System calls that take a pid and act on that process: denied unless the pid is 0 or the
/// program's own (they do not go through Landlock's ptrace or signal checks).
const OWN_PID_ONLY: &[i64] = &[
    libc::SYS_prlimit64,
    libc::SYS_sched_setaffinity,
    libc::SYS_sched_setparam,
    libc::SYS_sched_setscheduler,
    libc::SYS_sched_setattr,
    libc::SYS_migrate_pages,
    libc::SYS_move_pages,
];

/// Namespace flags of `clone`: denied (unprivileged user namespaces are a large attack
/// surface, and the others would need one).
const NAMESPACE_FLAGS: &[libc::c_int] = &[
    libc::CLONE_NEWNS,
    libc::CLONE_NEWUTS,
    libc::CLONE_NEWIPC,
    libc::CLONE_NEWUSER,
    libc::CLONE_NEWPID,
    libc::CLONE_NEWNET,
    libc::CLONE_NEWCGROUP,
];

const F_SETOWN_EX: u64 = 15;
const FIOSETOWN: u64 = 0x8901;
const SIOCSPGRP: u64 = 0x8902;
const IOPRIO_WHO_PROCESS: u64 = 1;

/// The rules of one filter: per system call, denied always (`None`) or when one of the rules
/// matches.
#[derive(Default)]
struct Rules(BTreeMap<i64, Option<Vec<SeccompRule>>>);

impl Rules {
    fn deny(&mut self, nr: i64) {
        self.0.insert(nr, None);
    }

    /// Denies `nr` when all `conditions` hold (rules added for the same call are ORed).
    fn deny_if(&mut self, nr: i64, conditions: Vec<Cond>) -> Result<(), String> {
        let rule = SeccompRule::new(conditions).map_err(|e| format!("seccomp: {e}"))?;
        if let Some(rules) = self.0.entry(nr).or_insert_with(|| Some(Vec::new())) {
            rules.push(rule);
        }
        Ok(())
    }

    fn compile(self, action: SeccompAction) -> Result<BpfProgram, String> {
        let arch =
            TargetArch::try_from(std::env::consts::ARCH).map_err(|e| format!("seccomp: {e}"))?;
        let rules = self
            .0
            .into_iter()
            .map(|(nr, rules)| (nr, rules.unwrap_or_default()))
            .collect();
        SeccompFilter::new(rules, SeccompAction::Allow, action, arch)
            .and_then(BpfProgram::try_from)
            .map_err(|e| format!("seccomp: {e}"))
    }
}

/// `arg` (32 bits: pids, ints) compared with `value`.
fn arg32(arg: u8, op: Op, value: u64) -> Result<Cond, String> {
    Cond::new(arg, Len::Dword, op, value & 0xffff_ffff).map_err(|e| format!("seccomp: {e}"))
}

/// `arg` (64 bits: flags, pointers) compared with `value`.
fn arg64(arg: u8, op: Op, value: u64) -> Result<Cond, String> {
    Cond::new(arg, Len::Qword, op, value).map_err(|e| format!("seccomp: {e}"))
}

/// The filters for `plan`, in the order they are installed.
fn filters(plan: &Plan) -> Result<Vec<BpfProgram>, String> {
    let me = plan.self_pid as u32 as u64;
    let my_group = plan.self_pid.wrapping_neg() as u32 as u64;
    let mut eperm = Rules::default();
    for &nr in ALWAYS_DENIED {
        eperm.deny(nr);
    }
    for &nr in OWN_PID_ONLY {
        eperm.deny_if(nr, vec![arg32(0, Op::Ne, 0)?, arg32(0, Op::Ne, me)?])?;
    }
    // setpriority / ioprio_set(which, who, …): only PRIO_PROCESS / IOPRIO_WHO_PROCESS of 0 or
    // self (PRIO_USER with who = 0 would renice every process of the user).
    for (nr, which) in [
        (libc::SYS_setpriority, libc::PRIO_PROCESS as u64),
        (libc::SYS_ioprio_set, IOPRIO_WHO_PROCESS),
    ] {
        eperm.deny_if(nr, vec![arg32(0, Op::Ne, which)?])?;
        eperm.deny_if(nr, vec![arg32(1, Op::Ne, 0)?, arg32(1, Op::Ne, me)?])?;
    }
    // The parent-death signal stays SIGKILL.
    eperm.deny_if(
        libc::SYS_prctl,
        vec![arg32(0, Op::Eq, libc::PR_SET_PDEATHSIG as u64)?],
    )?;
    for &flag in NAMESPACE_FLAGS {
        let flag = flag as u64;
        eperm.deny_if(libc::SYS_clone, vec![arg64(0, Op::MaskedEq(flag), flag)?])?;
    }
    if plan.deny_truncate {
        eperm.deny(libc::SYS_truncate);
    }
    if plan.no_fork {
        #[cfg(target_arch = "x86_64")]
        {
            eperm.deny(libc::SYS_fork);
            eperm.deny(libc::SYS_vfork);
        }
        let thread = libc::CLONE_THREAD as u64;
        eperm.deny_if(libc::SYS_clone, vec![arg64(0, Op::MaskedEq(thread), 0)?])?;
        eperm.deny_if(libc::SYS_execve, vec![arg64(0, Op::Ne, plan.exec_path)?])?;
        eperm.deny(libc::SYS_execveat);
    }
    if plan.signal_fallback {
        // kill(pid): self, own process group (0 or -pid; the launcher made it with setsid).
        eperm.deny_if(
            libc::SYS_kill,
            vec![
                arg32(0, Op::Ne, me)?,
                arg32(0, Op::Ne, 0)?,
                arg32(0, Op::Ne, my_group)?,
            ],
        )?;
        for nr in [
            libc::SYS_tkill,
            libc::SYS_tgkill,
            libc::SYS_rt_sigqueueinfo,
            libc::SYS_rt_tgsigqueueinfo,
            libc::SYS_pidfd_open,
        ] {
            eperm.deny_if(nr, vec![arg32(0, Op::Ne, me)?])?;
        }
        eperm.deny(libc::SYS_pidfd_send_signal);
        // SIGIO / SIGURG to another process through a file's owner.
        eperm.deny_if(
            libc::SYS_fcntl,
            vec![
                arg32(1, Op::Eq, libc::F_SETOWN as u64)?,
                arg32(2, Op::Ne, me)?,
                arg32(2, Op::Ne, 0)?,
                arg32(2, Op::Ne, my_group)?,
            ],
        )?;
        eperm.deny_if(libc::SYS_fcntl, vec![arg32(1, Op::Eq, F_SETOWN_EX)?])?;
        for request in [FIOSETOWN, SIOCSPGRP] {
            eperm.deny_if(libc::SYS_ioctl, vec![arg32(1, Op::Eq, request)?])?;
        }
    }
    let mut programs = vec![eperm.compile(SeccompAction::Errno(libc::EPERM as u32))?];

    // ENOSYS, so that callers fall back: clone3 (its flags are in memory, out of seccomp's
    // reach; glibc then uses clone) and io_uring (whose operations, socket and openat
    // included, would bypass this filter).
    let mut enosys = Rules::default();
    for nr in [
        libc::SYS_clone3,
        libc::SYS_io_uring_setup,
        libc::SYS_io_uring_enter,
        libc::SYS_io_uring_register,
    ] {
        enosys.deny(nr);
    }
    programs.push(enosys.compile(SeccompAction::Errno(libc::ENOSYS as u32))?);

    if plan.no_network {
        let mut eacces = Rules::default();
        eacces.deny(libc::SYS_socket);
        programs.push(eacces.compile(SeccompAction::Errno(libc::EACCES as u32))?);
    }
    #[cfg(target_arch = "x86_64")]
    programs.push(x32_guard());
    Ok(programs)
}

/// x32 system calls are x86_64 calls with bit 30 set in the number (same audit architecture):
/// the filters above compare exact numbers, so a kernel with x32 enabled would let
/// `0x40000000 | SYS_ptrace` through. seccompiler has no "number ≥" comparison; this
/// six-instruction program answers `ENOSYS` to every such number, as kernels without x32 do.
#[cfg(target_arch = "x86_64")]
fn x32_guard() -> BpfProgram {
    use seccompiler::sock_filter;
    const LD_W_ABS: u16 = 0x20; // BPF_LD | BPF_W | BPF_ABS
    const JEQ_K: u16 = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
    const JGE_K: u16 = 0x35; // BPF_JMP | BPF_JGE | BPF_K
    const RET_K: u16 = 0x06; // BPF_RET | BPF_K
    const AUDIT_ARCH_X86_64: u32 = 0xc000_003e;
    const OFFSET_NR: u32 = 0; // struct seccomp_data { int nr; __u32 arch; … }
    const OFFSET_ARCH: u32 = 4;
    let insn = |code, jt, jf, k| sock_filter { code, jt, jf, k };
    vec![
        insn(LD_W_ABS, 0, 0, OFFSET_ARCH),
        insn(JEQ_K, 0, 3, AUDIT_ARCH_X86_64), // another architecture: allow (others kill)
        insn(LD_W_ABS, 0, 0, OFFSET_NR),
        insn(JGE_K, 0, 1, 0x4000_0000),
        insn(RET_K, 0, 0, libc::SECCOMP_RET_ERRNO | libc::ENOSYS as u32),
        insn(RET_K, 0, 0, libc::SECCOMP_RET_ALLOW),
    ]
}

/// Installs the filters on this thread (the process is single-threaded; the program's
/// threads inherit them).
pub(super) fn install(plan: &Plan) -> Result<(), String> {
    for program in filters(plan)? {
        seccompiler::apply_filter(&program).map_err(|e| format!("seccomp: {e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_combination_compiles() {
        for bits in 0..16u32 {
            let plan = Plan {
                no_fork: bits & 1 != 0,
                no_network: bits & 2 != 0,
                signal_fallback: bits & 4 != 0,
                deny_truncate: bits & 8 != 0,
                self_pid: 4242,
                exec_path: 0x7f12_3456_7000,
            };
            let programs = filters(&plan).unwrap();
            assert!(programs.iter().all(|p| !p.is_empty() && p.len() < 4096));
        }
    }
}
