//! The servers under test: real `careform serve` processes on loopback, and what they cost in CPU.

use std::io::{BufRead as _, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The embedding page's origin every simulated widget claims.
pub const ORIGIN: &str = "https://council.example";

/// One running `careform serve`.
pub struct Instance {
    child: Child,
    /// Where its clients connect, e.g. `http://127.0.0.1:41234`.
    pub base: String,
}

impl Instance {
    /// Process id, for reading its CPU time.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How to start the instances: all of them share one public URL (as behind a load balancer),
/// one server key and, when `database_url` is set, one database.
pub struct Launch<'a> {
    /// The `careform` binary.
    pub bin: &'a Path,
    /// `--database-url`, or the SQLite file in the first instance's data directory.
    pub database_url: Option<&'a str>,
    /// How many processes.
    pub instances: usize,
    /// Holds one data directory per instance.
    pub scratch: &'a Path,
    /// A server key to start every instance with (so records from an earlier run into the same
    /// database still verify); without it the first instance makes one.
    pub key: Option<&'a Path>,
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Starts the instances, waiting until each says it is listening. Returns them and the public URL
/// every submission must name as its audience.
pub fn start(launch: &Launch<'_>) -> Result<(Vec<Instance>, String), String> {
    let ports: Vec<u16> = (0..launch.instances).map(|_| free_port()).collect::<Result<_, _>>()?;
    let public_url = format!("http://127.0.0.1:{}", ports[0]);
    let mut instances = Vec::new();
    for (i, port) in ports.iter().enumerate() {
        let dir = data_dir(launch.scratch, i);
        // Instances behind one load balancer sign with one key: the given one, else the first's.
        let key = launch.key.map(Path::to_owned).or_else(|| (i > 0).then(|| key_file(launch.scratch)));
        if let Some(key) = key {
            std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
            copy_private(&key, &dir.join("server-key.b64u"))?;
        }
        instances.push(spawn(launch, &dir, *port, &public_url)?);
    }
    Ok((instances, public_url))
}

/// The key file of the first instance.
pub fn key_file(scratch: &Path) -> PathBuf {
    data_dir(scratch, 0).join("server-key.b64u")
}

/// The data directory of instance `i`.
pub fn data_dir(scratch: &Path, i: usize) -> PathBuf {
    scratch.join(format!("instance-{i}"))
}

fn copy_private(from: &Path, to: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::copy(from, to).map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
    std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o600)).map_err(|e| e.to_string())
}

fn spawn(launch: &Launch<'_>, dir: &Path, port: u16, public_url: &str) -> Result<Instance, String> {
    let mut cmd = Command::new(launch.bin);
    cmd.args(["serve", "--address", &format!("127.0.0.1:{port}"), "--public-url", public_url])
        .arg("--data-dir")
        .arg(dir)
        .args(["--allow-origin", &format!("careform-demo={ORIGIN}")])
        // Every client comes from 127.0.0.1: the per-address limit would otherwise be the bench.
        .args(["--rate-limit-per-minute", "4000000000"])
        .env_remove("CAREFORM_CONFIG")
        .stderr(Stdio::piped());
    if let Some(url) = launch.database_url {
        cmd.args(["--database-url", url]);
    }
    let mut child = cmd.spawn().map_err(|e| format!("cannot run {}: {e}", launch.bin.display()))?;
    let mut lines = BufReader::new(child.stderr.take().expect("piped")).lines();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match lines.next() {
            Some(Ok(line)) if line.contains("careform listening on") => break,
            Some(Ok(line)) => eprintln!("  server: {line}"),
            _ => {
                let _ = child.kill();
                return Err(format!("{} exited before listening", launch.bin.display()));
            }
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            return Err("the server did not start within 30 s".into());
        }
    }
    // Keep draining stderr so a chatty server never blocks on a full pipe; show what it says.
    std::thread::spawn(move || lines.map_while(Result::ok).for_each(|l| eprintln!("  server: {l}")));
    Ok(Instance { child, base: format!("http://127.0.0.1:{port}") })
}

/// User plus system CPU time a process has used so far (`/proc/PID/stat` fields 14 and 15).
pub fn cpu_time(pid: u32) -> Result<Duration, String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).map_err(|e| format!("/proc/{pid}/stat: {e}"))?;
    // The command name (field 2) may hold spaces; the fields after it are space-separated numbers.
    let rest = &stat[stat.rfind(')').ok_or("odd /proc stat")? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks = |i: usize| fields.get(i - 3).and_then(|f| f.parse::<u64>().ok()).ok_or("odd /proc stat");
    let total = ticks(14)? + ticks(15)?;
    Ok(Duration::from_secs_f64(total as f64 / clock_ticks() as f64))
}

/// Clock ticks per second (`USER_HZ`, 100 on every Linux this runs on; asked rather than assumed).
fn clock_ticks() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

/// The 1-, 5- and 15-minute load averages, to print beside every figure.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split(' ').take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// Runs `careform audit` on what the instances stored; returns how many records it verified.
pub fn audit(launch: &Launch<'_>) -> Result<u64, String> {
    let mut cmd = Command::new(launch.bin);
    cmd.arg("audit").arg("--data-dir").arg(data_dir(launch.scratch, 0)).env_remove("CAREFORM_CONFIG");
    if let Some(url) = launch.database_url {
        cmd.args(["--database-url", url]);
    }
    let out = cmd.output().map_err(|e| format!("cannot run audit: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!("audit failed: {text} {}", String::from_utf8_lossy(&out.stderr)));
    }
    let report: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("audit output: {e}"))?;
    report["records"].as_u64().ok_or_else(|| format!("audit output has no record count: {text}"))
}
