//! The seccomp half of the sandbox: system calls the server never makes
//! once it serves, refused with EPERM (an error the caller sees, never a
//! killed process). Everything else is allowed: the filter is a deny list
//! over what an attacker running code in the process would reach for first.

use std::collections::BTreeMap;

use seccompiler::{
    BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
    SeccompRule, TargetArch,
};

use super::SandboxError;

/// Refused outright.
const DENIED: &[libc::c_long] = &[
    // Running another program.
    libc::SYS_execve,
    libc::SYS_execveat,
    // Reading or writing another process.
    libc::SYS_ptrace,
    libc::SYS_process_vm_readv,
    libc::SYS_process_vm_writev,
    // Unix socket pairs, and new listening sockets: the listeners are bound
    // before the filter goes on, and fetch() only connects.
    libc::SYS_socketpair,
    libc::SYS_bind,
    libc::SYS_listen,
    // io_uring runs its operations in the kernel without passing through
    // seccomp, so a sandboxed server uses the epoll driver and may not
    // make or drive a ring.
    libc::SYS_io_uring_setup,
    libc::SYS_io_uring_enter,
    libc::SYS_io_uring_register,
    // Kernel surfaces a web server never needs.
    libc::SYS_bpf,
    libc::SYS_perf_event_open,
    libc::SYS_userfaultfd,
    libc::SYS_unshare,
    libc::SYS_setns,
    libc::SYS_mount,
    libc::SYS_umount2,
    libc::SYS_pivot_root,
    libc::SYS_keyctl,
    libc::SYS_add_key,
    libc::SYS_request_key,
    libc::SYS_kexec_load,
    libc::SYS_init_module,
    libc::SYS_finit_module,
];

/// Socket address families fetch() and the listeners use.
const ALLOWED_FAMILIES: [libc::c_int; 2] = [libc::AF_INET, libc::AF_INET6];

/// Socket types refused even in those families (the low bits of `type`;
/// the rest are flags such as SOCK_NONBLOCK).
const DENIED_SOCKET_TYPES: [libc::c_int; 4] = [
    libc::SOCK_RAW,
    libc::SOCK_RDM,
    libc::SOCK_SEQPACKET,
    libc::SOCK_DCCP,
];
const SOCKET_TYPE_MASK: u64 = 0xf;

/// A compiled filter, ready to install.
#[derive(Debug, Clone)]
pub struct SyscallFilter {
    program: BpfProgram,
}

impl SyscallFilter {
    /// Compiles the filter for this machine's architecture.
    pub fn new() -> Result<SyscallFilter, SandboxError> {
        let arch = TargetArch::try_from(std::env::consts::ARCH)?;
        let mut rules: BTreeMap<i64, Vec<SeccompRule>> =
            DENIED.iter().map(|number| (*number, Vec::new())).collect();
        rules.insert(libc::SYS_socket, socket_rules()?);
        let filter = SeccompFilter::new(
            rules,
            SeccompAction::Allow,
            SeccompAction::Errno(libc::EPERM as u32),
            arch,
        )?;
        Ok(SyscallFilter {
            program: filter.try_into()?,
        })
    }

    /// Installs the filter on every thread of the process at once; threads
    /// started later inherit it. It cannot be removed.
    pub fn apply_to_all_threads(&self) -> Result<(), SandboxError> {
        seccompiler::apply_filter_all_threads(&self.program)?;
        Ok(())
    }
}

/// `socket(domain, type, protocol)` is refused when the domain is neither
/// AF_INET nor AF_INET6 (Unix, netlink, packet...), or when the type is
/// one of `DENIED_SOCKET_TYPES`. Rules are alternatives; the conditions of
/// one rule must all hold.
fn socket_rules() -> Result<Vec<SeccompRule>, SandboxError> {
    let family_not = |family: libc::c_int| {
        SeccompCondition::new(0, SeccompCmpArgLen::Dword, SeccompCmpOp::Ne, family as u64)
    };
    let mut rules = vec![SeccompRule::new(
        ALLOWED_FAMILIES
            .iter()
            .map(|family| family_not(*family))
            .collect::<Result<_, _>>()?,
    )?];
    for kind in DENIED_SOCKET_TYPES {
        let condition = SeccompCondition::new(
            1,
            SeccompCmpArgLen::Dword,
            SeccompCmpOp::MaskedEq(SOCKET_TYPE_MASK),
            kind as u64,
        )?;
        rules.push(SeccompRule::new(vec![condition])?);
    }
    Ok(rules)
}
