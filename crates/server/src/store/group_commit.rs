//! Group commit for the SQLite store: writes that arrive together share one transaction, so one
//! fsync makes a whole batch durable instead of one fsync each.
//!
//! Each writer runs its own item on its own thread (its closures borrow the caller's data), holding
//! the connection's lock, inside its own SAVEPOINT: an item that refuses or fails is rolled back
//! alone and the others in the batch stand. The item that finds nobody else queued for the lock
//! (or fills the batch) commits; every writer is answered only after its batch's COMMIT returned,
//! so nothing is acknowledged before it is on disk, and a failed COMMIT fails every item in it.
//! Other users of the connection ([`Writer::exclusive`]) commit the open batch first, so their
//! autocommit statements never ride along in someone else's transaction.

use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

use rusqlite::Connection;

use super::StoreError;

/// Most items in one transaction: under constant load someone is always queued, and a batch must
/// still end so its writers get their answers.
const MAX_BATCH: usize = 128;

/// What an item came to: kept (released into the batch) or undone (rolled back to its savepoint),
/// with the answer either way.
pub(super) enum Item<T> {
    /// Its changes stay in the batch.
    Keep(T),
    /// Its changes are rolled back (a refusal such as a spent nonce); the answer still waits for
    /// the batch, as it may rest on earlier items' uncommitted writes.
    Undo(T),
}

struct Slot {
    conn: Connection,
    /// The batch whose transaction is open, if any.
    open: Option<u64>,
    /// Items in the open batch.
    items: usize,
    /// The last batch id handed out.
    last_id: u64,
}

#[derive(Default)]
struct Fates {
    /// Every batch up to this id has committed or failed.
    settled_up_to: u64,
    /// The batches whose COMMIT failed, with why. Kept for good: commits fail rarely, and a
    /// writer woken late must still learn its batch failed.
    failed: BTreeMap<u64, String>,
}

/// The store's one writing connection.
pub(super) struct Writer {
    slot: Mutex<Slot>,
    /// Batch writers blocked on `slot`: while any are, the holder leaves the batch open for them.
    queued: AtomicUsize,
    /// Batches committed so far.
    committed: AtomicU64,
    fates: Mutex<Fates>,
    settled: Condvar,
}

/// The connection, with no batch open, for as long as this lives.
pub(super) struct Exclusive<'a>(MutexGuard<'a, Slot>);

impl Deref for Exclusive<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.0.conn
    }
}

impl DerefMut for Exclusive<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        &mut self.0.conn
    }
}

impl Writer {
    pub(super) fn new(conn: Connection) -> Self {
        Writer {
            slot: Mutex::new(Slot { conn, open: None, items: 0, last_id: 0 }),
            queued: AtomicUsize::new(0),
            committed: AtomicU64::new(0),
            fates: Mutex::default(),
            settled: Condvar::new(),
        }
    }

    fn lock_slot(&self) -> MutexGuard<'_, Slot> {
        // A panic while holding the lock leaves no half-written state: items run in savepoints
        // (a panicking one is rolled back below) and every other write is one transaction.
        self.slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Batch writers waiting for the connection now.
    pub(super) fn queued(&self) -> usize {
        self.queued.load(Ordering::SeqCst)
    }

    /// Batches committed since the store opened.
    pub(super) fn committed(&self) -> u64 {
        self.committed.load(Ordering::SeqCst)
    }

    /// The connection to use outside any batch. A batch still open is committed first: whoever
    /// holds the slot knows every item of it has run (each runs holding the slot), so its
    /// writers are only waiting for the commit.
    pub(super) fn exclusive(&self) -> Exclusive<'_> {
        let mut slot = self.lock_slot();
        if let Some(id) = slot.open {
            self.close_batch(&mut slot, id);
        }
        Exclusive(slot)
    }

    /// Runs `item` inside the next batch and answers once that batch has committed.
    pub(super) fn batched<T>(
        &self,
        item: impl FnOnce(&Connection) -> Result<Item<T>, StoreError>,
    ) -> Result<T, StoreError> {
        self.queued.fetch_add(1, Ordering::SeqCst);
        let mut slot = self.lock_slot();
        self.queued.fetch_sub(1, Ordering::SeqCst);
        let id = match slot.open {
            Some(id) => id,
            None => {
                slot.conn.execute_batch("BEGIN IMMEDIATE")?;
                slot.last_id += 1;
                slot.open = Some(slot.last_id);
                slot.items = 0;
                slot.last_id
            }
        };
        let outcome = run_item(&slot.conn, item);
        slot.items += 1;
        if self.queued.load(Ordering::SeqCst) == 0 || slot.items >= MAX_BATCH {
            self.close_batch(&mut slot, id);
        }
        drop(slot);
        let answer = match outcome {
            Ok(answer) => answer,
            Err(Panicked(payload)) => resume_unwind(payload),
        };
        // An item that failed kept nothing, so it need not wait for the others.
        let answer = answer?;
        self.wait_for(id).map_err(StoreError::Batch)?;
        Ok(answer)
    }

    /// Commits the open batch `id` (or, if COMMIT fails, undoes what it left so the next batch
    /// starts clean) and tells its writers.
    fn close_batch(&self, slot: &mut Slot, id: u64) {
        let committed = slot.conn.execute_batch("COMMIT").map_err(|e| e.to_string());
        match committed {
            Ok(()) => _ = self.committed.fetch_add(1, Ordering::SeqCst),
            Err(_) => _ = slot.conn.execute_batch("ROLLBACK"),
        }
        slot.open = None;
        // Settled while still holding the slot, so a later batch cannot settle first and let
        // this one's writers think it committed.
        self.settle(id, committed);
    }

    fn settle(&self, id: u64, committed: Result<(), String>) {
        let mut fates = self.fates.lock().unwrap_or_else(|p| p.into_inner());
        if let Err(e) = committed {
            tracing::error!("a batch of submissions did not commit: {e}");
            fates.failed.insert(id, e);
        }
        fates.settled_up_to = fates.settled_up_to.max(id);
        self.settled.notify_all();
    }

    /// Blocks until batch `id` has settled; its COMMIT's error, if it failed.
    fn wait_for(&self, id: u64) -> Result<(), String> {
        let mut fates = self.fates.lock().unwrap_or_else(|p| p.into_inner());
        while fates.settled_up_to < id {
            fates = self.settled.wait(fates).unwrap_or_else(|p| p.into_inner());
        }
        fates.failed.get(&id).map_or(Ok(()), |e| Err(e.clone()))
    }
}

struct Panicked(Box<dyn std::any::Any + Send>);

/// Runs one item in its own savepoint, releasing or rolling back to it as the item says.
fn run_item<T>(
    conn: &Connection,
    item: impl FnOnce(&Connection) -> Result<Item<T>, StoreError>,
) -> Result<Result<T, StoreError>, Panicked> {
    if let Err(e) = conn.execute_batch("SAVEPOINT item") {
        return Ok(Err(e.into()));
    }
    let outcome = catch_unwind(AssertUnwindSafe(|| item(conn)));
    let (keep, result) = match outcome {
        Ok(Ok(Item::Keep(answer))) => (true, Ok(Ok(answer))),
        Ok(Ok(Item::Undo(answer))) => (false, Ok(Ok(answer))),
        Ok(Err(e)) => (false, Ok(Err(e))),
        Err(payload) => (false, Err(Panicked(payload))),
    };
    let end = if keep { "RELEASE item" } else { "ROLLBACK TO item; RELEASE item" };
    match conn.execute_batch(end) {
        Ok(()) => result,
        // The savepoint could not be closed: this item's fate is unknown, so it fails; the batch's
        // COMMIT decides for the rest.
        Err(e) => result.map(|_| Err(e.into())),
    }
}
