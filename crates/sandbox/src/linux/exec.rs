//! Finding and executing the program.

use crate::policy::{Bytes, to_os};
use crate::{EXIT_CANNOT_EXECUTE, EXIT_NOT_FOUND, EXIT_SANDBOX_FAILED, Failure};
use std::ffi::{CStr, CString, OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// The program, its arguments and its environment, ready for `execve`.
pub(super) struct Exec {
    shown: String,
    path: PathBuf,
    c_path: CString,
    argv: Vec<CString>,
    envp: Vec<CString>,
}

fn c_string(bytes: &[u8]) -> Result<CString, Failure> {
    CString::new(bytes).map_err(|_| Failure {
        status: EXIT_SANDBOX_FAILED,
        reason: format!("{:?} contains a NUL byte", String::from_utf8_lossy(bytes)),
    })
}

impl Exec {
    /// Finds `program` (a path, or a name looked up in the policy's `PATH`) and builds the
    /// argument and environment vectors.
    pub(super) fn prepare(
        program: &OsStr,
        args: &[OsString],
        env: &[(Bytes, Bytes)],
    ) -> Result<Exec, Failure> {
        let shown = program.to_string_lossy().into_owned();
        let path = resolve(program, env).ok_or_else(|| Failure {
            status: EXIT_NOT_FOUND,
            reason: format!("{shown}: not found in the policy's PATH"),
        })?;
        let path = std::path::absolute(&path).unwrap_or(path);
        let mut argv = vec![c_string(program.as_bytes())?];
        for arg in args {
            argv.push(c_string(arg.as_bytes())?);
        }
        let envp = env
            .iter()
            .map(|(k, v)| c_string(&[k.as_slice(), b"=", v.as_slice()].concat()))
            .collect::<Result<_, _>>()?;
        Ok(Exec {
            c_path: c_string(path.as_os_str().as_bytes())?,
            shown,
            path,
            argv,
            envp,
        })
    }

    /// The absolute path that will be executed.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// The same, as a C string.
    pub(super) fn c_path(&self) -> &CStr {
        &self.c_path
    }

    /// Executes the program (with the path at `secret`'s address when seccomp only allows
    /// that one); returns only on failure.
    pub(super) fn run(self, secret: Option<&SecretPath>) -> Failure {
        let mut argv: Vec<*const libc::c_char> = self.argv.iter().map(|a| a.as_ptr()).collect();
        argv.push(std::ptr::null());
        let mut envp: Vec<*const libc::c_char> = self.envp.iter().map(|e| e.as_ptr()).collect();
        envp.push(std::ptr::null());
        let path = secret.map_or(self.c_path.as_ptr(), SecretPath::as_ptr);
        // SAFETY: NUL-terminated strings and null-terminated vectors, alive during the call.
        unsafe { libc::execve(path, argv.as_ptr(), envp.as_ptr()) };
        let error = std::io::Error::last_os_error();
        Failure {
            status: if error.kind() == std::io::ErrorKind::NotFound {
                EXIT_NOT_FOUND
            } else {
                EXIT_CANNOT_EXECUTE
            },
            reason: format!("cannot execute {}: {error}", self.shown),
        }
    }
}

/// `program` itself if it has a `/`, otherwise the first executable file of that name in the
/// policy's `PATH` (none without one).
fn resolve(program: &OsStr, env: &[(Bytes, Bytes)]) -> Option<PathBuf> {
    if program.as_bytes().contains(&b'/') {
        return Some(PathBuf::from(program));
    }
    let (_, path) = env.iter().find(|(k, _)| k == b"PATH")?;
    path.split(|&b| b == b':').find_map(|dir| {
        let dir = if dir.is_empty() { b".".as_slice() } else { dir };
        let candidate = Path::new(&to_os(dir)).join(program);
        let meta = std::fs::metadata(&candidate).ok()?;
        (meta.is_file() && meta.permissions().mode() & 0o111 != 0).then_some(candidate)
    })
}

/// A copy of the program's path at a random address, so that seccomp can allow exactly one
/// `execve`, the launcher's, by comparing the path argument with that address: the program
/// started by it cannot know the address (it is in no memory of the new image, and a process
/// cannot read its own seccomp filter), and guessing it means trying ~2³⁵ page addresses.
pub(super) struct SecretPath {
    address: *const libc::c_char,
}

impl SecretPath {
    pub(super) fn new(path: &CStr) -> SecretPath {
        let bytes = path.to_bytes_with_nul();
        let size = bytes.len().div_ceil(4096) * 4096;
        // 47-bit address spaces (x86_64, most aarch64), then 39-bit ones (some aarch64).
        for bits in [47u32, 39] {
            for _ in 0..16 {
                let mut random = [0u8; 8];
                // SAFETY: a valid buffer of that length.
                let filled = unsafe { libc::getrandom(random.as_mut_ptr().cast(), 8, 0) };
                if filled != 8 {
                    continue;
                }
                let low = 1u64 << 32;
                let span = (1u64 << bits) - low - size as u64 - 4096;
                let wanted = (low + u64::from_ne_bytes(random) % span) & !4095;
                // SAFETY: MAP_FIXED_NOREPLACE never replaces an existing mapping.
                let got = unsafe {
                    libc::mmap(
                        wanted as *mut libc::c_void,
                        size,
                        libc::PROT_READ | libc::PROT_WRITE,
                        libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED_NOREPLACE,
                        -1,
                        0,
                    )
                };
                if got == libc::MAP_FAILED {
                    continue;
                }
                if got as u64 != wanted {
                    // A kernel older than 4.17 took the address as a hint.
                    // SAFETY: the mapping just made, of that size.
                    unsafe { libc::munmap(got, size) };
                    continue;
                }
                // SAFETY: the mapping is writable and at least bytes.len() long.
                unsafe {
                    std::ptr::copy_nonoverlapping(bytes.as_ptr(), got.cast::<u8>(), bytes.len())
                };
                return SecretPath {
                    address: got.cast(),
                };
            }
        }
        // No mapping: a leaked heap copy, whose address is still randomized (ASLR).
        SecretPath {
            address: Box::leak(path.to_owned().into_boxed_c_str()).as_ptr(),
        }
    }

    pub(super) fn address(&self) -> u64 {
        self.address as u64
    }

    fn as_ptr(&self) -> *const libc::c_char {
        self.address
    }
}
