// Takes kept in this browser (IndexedDB) until the server has them: a reload, a dropped
// connection or leaving the page mid-answer loses nothing.
// An item: {key, session, question, blob, seconds, complete, saved_at}. ``complete`` is false
// while recording and for a take that was interrupted (reload, navigation): those are offered
// back to the seeker ("keep it or record again"), never sent on their own.

let opened = null;
function database() {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open("interview", 1);
    request.onupgradeneeded = () => request.result.createObjectStore("pending", { keyPath: "key" });
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => { db.close(); opened = null; };  // deleted (camp: next student)
      resolve(db);
    };
    request.onerror = () => reject(request.error);
  });
  return opened;
}

async function run(mode, action) {
  const store = (await database()).transaction("pending", mode).objectStore("pending");
  return new Promise((resolve, reject) => {
    const request = action(store);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export const keep = (item) => run("readwrite", (store) => store.put({ ...item, saved_at: Date.now() }));
export const forget = (key) => run("readwrite", (store) => store.delete(key));
export const pending = () => run("readonly", (store) => store.getAll());
