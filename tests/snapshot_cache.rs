//! The startup snapshot kept on disk between runs of the real binary: the
//! first run stores it, later runs read it, and nothing wrong with the cache
//! (damaged file, unwritable folder, no folder at all) changes an answer.

mod common;

use std::fs::{self, File};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, SystemTime};

use common::output::{code, stderr, stdout};

/// `nano eval CODE` with the cache in `dir` (or none at all for `None`).
fn eval_cached(dir: Option<&Path>, code: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nano"));
    cmd.args(["eval", code])
        .env_remove("RUST_LOG")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("HOME")
        .stdin(Stdio::null());
    match dir {
        Some(dir) => cmd.env("NANO_CACHE_DIR", dir),
        None => cmd.env_remove("NANO_CACHE_DIR"),
    };
    cmd.output().expect("running nano")
}

fn assert_answer(output: &Output, expected: &str) {
    assert_eq!(stdout(output), expected, "stderr: {}", stderr(output));
    assert_eq!(stderr(output), "");
    assert_eq!(code(output), 0);
}

/// Every entry of the folder (snapshot and temporary files alike).
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    found.sort();
    found
}

/// The one file in the cache folder, after checking it is alone.
fn only_snapshot(dir: &Path) -> PathBuf {
    let found = entries(dir);
    assert_eq!(found.len(), 1, "{found:?}");
    let name = found[0].file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("snapshot-") && name.ends_with(".bin"),
        "{name}"
    );
    found[0].clone()
}

#[test]
fn the_first_run_stores_the_snapshot_and_the_next_reads_it() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("nested").join("cache");
    assert_answer(&eval_cached(Some(&dir), "1 + 1"), "2\n");
    let file = only_snapshot(&dir);
    let written = fs::metadata(&file).unwrap();
    assert!(written.len() > 100_000, "{} bytes", written.len());

    assert_answer(
        &eval_cached(Some(&dir), "[6 * 7, typeof fetch]"),
        "[ 42, 'function' ]\n",
    );
    // Not written again (a run that could not use it replaces it).
    assert_eq!(only_snapshot(&dir), file);
    let read = fs::metadata(&file).unwrap();
    assert_eq!(read.ino(), written.ino());
    assert_eq!(read.modified().unwrap(), written.modified().unwrap());
}

#[test]
fn a_damaged_file_is_replaced_and_the_answer_is_right() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    assert_answer(&eval_cached(Some(dir), "1 + 1"), "2\n");
    let file = only_snapshot(dir);
    let good = fs::read(&file).unwrap();

    let mut flipped_middle = good.clone();
    flipped_middle[good.len() / 2] ^= 0x40;
    let mut flipped_last = good.clone();
    *flipped_last.last_mut().unwrap() ^= 1;
    let mut flipped_header = good.clone();
    flipped_header[10] ^= 1;
    let damages: [(&str, Vec<u8>); 6] = [
        ("empty", Vec::new()),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("one byte short", good[..good.len() - 1].to_vec()),
        ("byte flipped in the middle", flipped_middle),
        ("last byte flipped", flipped_last),
        ("header byte flipped", flipped_header),
    ];
    for (damage, bytes) in damages {
        fs::write(&file, &bytes).unwrap();
        let damaged = fs::metadata(&file).unwrap().ino();
        assert_answer(&eval_cached(Some(dir), "'ok ' + (2 + 3)"), "ok 5\n");
        // Replaced by a whole file, which the next run reads as it is.
        let replaced = fs::metadata(only_snapshot(dir)).unwrap();
        assert_ne!(replaced.ino(), damaged, "{damage}: not replaced");
        assert_ne!(fs::read(only_snapshot(dir)).unwrap(), bytes, "{damage}");
        assert_answer(&eval_cached(Some(dir), "3 * 3"), "9\n");
        assert_eq!(
            fs::metadata(only_snapshot(dir)).unwrap().ino(),
            replaced.ino(),
            "{damage}: the replacement was not read"
        );
    }
}

#[test]
fn a_file_others_may_write_is_not_read() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    assert_answer(&eval_cached(Some(dir), "1 + 1"), "2\n");
    let file = only_snapshot(dir);
    fs::set_permissions(&file, fs::Permissions::from_mode(0o666)).unwrap();
    let shared = fs::metadata(&file).unwrap().ino();
    assert_answer(&eval_cached(Some(dir), "2 + 2"), "4\n");
    let replaced = fs::metadata(only_snapshot(dir)).unwrap();
    assert_ne!(replaced.ino(), shared);
    assert_eq!(replaced.mode() & 0o022, 0);
}

#[test]
fn an_unusable_cache_folder_changes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    // A folder below a plain file cannot be made, not even by root.
    let blocker = temp.path().join("a-file");
    File::create(&blocker).unwrap();
    assert_answer(&eval_cached(Some(&blocker.join("cache")), "1 + 1"), "2\n");
    assert_answer(&eval_cached(Some(&blocker), "1 + 2"), "3\n");
    // No HOME, no XDG_CACHE_HOME, no NANO_CACHE_DIR: no cache at all.
    assert_answer(&eval_cached(None, "1 + 3"), "4\n");
    // An empty NANO_CACHE_DIR turns the cache off.
    assert_answer(&eval_cached(Some(Path::new("")), "1 + 4"), "5\n");
}

#[test]
fn processes_starting_together_share_one_file() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let children: Vec<_> = (0..6)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_nano"))
                .args(["eval", &format!("{i} * 10")])
                .env("NANO_CACHE_DIR", dir)
                .env_remove("RUST_LOG")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawning nano")
        })
        .collect();
    for (i, child) in children.into_iter().enumerate() {
        let output = child.wait_with_output().unwrap();
        assert_answer(&output, &format!("{}\n", i * 10));
    }
    // One whole file and no temporary ones left.
    let file = only_snapshot(dir);
    let ino = fs::metadata(&file).unwrap().ino();
    assert_answer(&eval_cached(Some(dir), "'again'"), "again\n");
    assert_eq!(fs::metadata(only_snapshot(dir)).unwrap().ino(), ino);
}

#[test]
fn files_of_other_builds_do_not_pile_up() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let now = SystemTime::now();
    let make = |name: &str, age_s: u64| {
        let path = dir.join(name);
        let file = File::create(&path).unwrap();
        file.set_modified(now - Duration::from_secs(age_s)).unwrap();
        path
    };
    let others: Vec<PathBuf> = (1..=5)
        .map(|i| make(&format!("snapshot-other{i}.bin"), i * 100))
        .collect();
    let stale_temp = make(".snapshot-other1.bin.1.0.tmp", 3600);
    let fresh_temp = make(".snapshot-other2.bin.2.0.tmp", 1);
    let unrelated = make("notes.txt", 10_000);

    assert_answer(&eval_cached(Some(dir), "1 + 1"), "2\n");
    let left = entries(dir);
    // The three newest other snapshots stay; the older two go.
    for (i, other) in others.iter().enumerate() {
        assert_eq!(left.contains(other), i < 3, "{other:?} in {left:?}");
    }
    assert!(!left.contains(&stale_temp), "{left:?}");
    assert!(left.contains(&fresh_temp), "{left:?}");
    assert!(left.contains(&unrelated), "{left:?}");
    assert_eq!(left.len(), 3 + 1 + 1 + 1, "{left:?}");
}
