package durable

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRename: the file is found under its new name with its bytes and
// not under the old; a rename or sync into a directory that is not there
// is an error, never a silent success.
func TestRename(t *testing.T) {
	dir := t.TempDir()
	old, dst := filepath.Join(dir, ".incoming-1"), filepath.Join(dir, "blob")
	if err := os.WriteFile(old, []byte("tile"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Rename(old, dst); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(dst); err != nil || string(b) != "tile" {
		t.Fatalf("new name holds %q, %v", b, err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Fatalf("old name still there: %v", err)
	}
	missing := filepath.Join(dir, "gone")
	if err := Rename(dst, filepath.Join(missing, "blob")); err == nil {
		t.Fatal("rename into a missing directory succeeded")
	}
	if err := SyncDir(missing); err == nil {
		t.Fatal("sync of a missing directory succeeded")
	}
}
