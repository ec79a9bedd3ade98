package farm

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
)

// StorePath is the coordinator's store file in a node's data folder: what
// `conun backup` copies and `conun node --reset-store` moves aside.
func StorePath(dataDir string) string { return filepath.Join(dataDir, "farm.db") }

// getBackup answers a consistent copy of the node's store, taken in one
// read transaction while jobs keep running. The copy goes to a file in the
// data folder first and is sent from there: bbolt cannot grow its file
// while a read transaction is open, so one held for as long as a slow
// client takes to download would stall the coordinator's writes. Copied
// over StorePath while the node is stopped, it restores every job.
func (n *Node) getBackup(rw http.ResponseWriter, r *http.Request) {
	tmp, err := os.CreateTemp(n.cfg.DataDir, ".backup-*")
	if err != nil {
		httpError(rw, http.StatusInternalServerError, fmt.Errorf("backup: %w", err))
		return
	}
	// Unlinked at once, the copy is still read through tmp, and a crash
	// mid-download leaves nothing behind (where the OS refuses, as
	// Windows does, it goes when the handler ends).
	if os.Remove(tmp.Name()) != nil {
		defer os.Remove(tmp.Name())
	}
	defer tmp.Close()
	if _, err := n.store.Backup(tmp); err != nil {
		httpError(rw, http.StatusInternalServerError, fmt.Errorf("backup: %w", err))
		return
	}
	rw.Header().Set("Content-Type", "application/octet-stream")
	rw.Header().Set("Content-Disposition", `attachment; filename="farm.db"`)
	http.ServeContent(rw, r, "farm.db", n.cfg.Now(), tmp)
}
