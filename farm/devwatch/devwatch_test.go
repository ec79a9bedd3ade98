package devwatch

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestDeviceDiff: what appeared, went and changed is named, in that
// order; the same set is no change.
func TestDeviceDiff(t *testing.T) {
	tests := []struct {
		name      string
		old, next Snapshot
		want      string
	}{
		{"same", Snapshot{"/dev/nvidia0": "c"}, Snapshot{"/dev/nvidia0": "c"}, ""},
		{"empty", Snapshot{}, Snapshot{}, ""},
		{"appeared", Snapshot{}, Snapshot{"/dev/nvidia1": "c", "/dev/nvidia0": "c"}, "appeared: /dev/nvidia0, /dev/nvidia1"},
		{"gone", Snapshot{"/dev/kfd": "c"}, Snapshot{}, "gone: /dev/kfd"},
		{"changed", Snapshot{"/proc/driver/nvidia/version": "a"}, Snapshot{"/proc/driver/nvidia/version": "b"}, "changed: /proc/driver/nvidia/version"},
		{"all three", Snapshot{"a": "1", "b": "1"}, Snapshot{"b": "2", "c": "1"}, "appeared: c; gone: a; changed: b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.old.Diff(tc.next); got != tc.want {
				t.Errorf("Diff = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestDeviceTake: a file's content tells versions apart (a driver's
// version file keeps its size and, in /proc, says nothing by its time);
// a glob that matches nothing adds nothing; a malformed one is an error.
func TestDeviceTake(t *testing.T) {
	dir := t.TempDir()
	version := filepath.Join(dir, "version")
	write := func(s string) {
		if err := os.WriteFile(version, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("NVRM version: 550.54\n")
	a, err := Take([]string{filepath.Join(dir, "*"), filepath.Join(dir, "absent", "*")})
	if err != nil || len(a) != 1 {
		t.Fatalf("Take: %v %v, want the one file", a, err)
	}
	write("NVRM version: 560.11\n")
	b, _ := Take([]string{filepath.Join(dir, "*")})
	if d := a.Diff(b); d != "changed: "+version {
		t.Errorf("after a driver update Diff = %q, want the version file changed", d)
	}
	if _, err := Take([]string{"/dev/[nvidia"}); err == nil {
		t.Error("Take of a malformed glob: no error")
	}
	if err := Check([]string{"/dev/dri/*", "/dev/[nvidia"}); err == nil {
		t.Error("Check of a malformed glob: no error")
	}
}

// TestDeviceWatch: a file appearing in the watched directory (standing
// in for /dev) is reported once, named; an interval of 0 watches nothing
// and returns at once.
func TestDeviceWatch(t *testing.T) {
	dir := t.TempDir()
	w, err := New([]string{filepath.Join(dir, "*")})
	if err != nil {
		t.Fatal(err)
	}
	w.Run(context.Background(), 0, func(string) { t.Error("interval 0 reported a change") })

	var mu sync.Mutex
	var seen []string
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx, 10*time.Millisecond, func(d string) {
			mu.Lock()
			seen = append(seen, d)
			mu.Unlock()
		})
	}()
	card := filepath.Join(dir, "card0")
	if err := os.WriteFile(card, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		n := len(seen)
		mu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for the new file to be reported")
		}
	}
	cancel()
	<-done
	if len(seen) != 1 || seen[0] != "appeared: "+card {
		t.Errorf("reported %q, want one: appeared: %s", seen, card)
	}
}
