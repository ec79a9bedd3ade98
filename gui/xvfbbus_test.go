package gui

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// notifications is a desktop's notification service
// (org.freedesktop.Notifications, the interface Fyne's SendNotification
// calls on Linux) that keeps what it is asked to show.
type notifications struct {
	mu  sync.Mutex
	got []string
}

// Notify is the service's method: it keeps "summary: body".
func (n *notifications) Notify(app string, replaces uint32, icon, summary, body string, actions []string, hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.got = append(n.got, summary+": "+body)
	return uint32(len(n.got)), nil
}

func (n *notifications) all() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(n.got)
}

// startSessionBus starts a D-Bus session bus of the test's own, as a
// desktop session has one, with the test's notification service on it,
// and stops it after the test. It returns the bus's address.
func startSessionBus(t *testing.T) (string, *notifications) {
	t.Helper()
	addr := "unix:path=" + filepath.Join(t.TempDir(), "bus")
	d := exec.Command("dbus-daemon", "--session", "--nofork", "--nopidfile", "--address="+addr)
	var logs bytes.Buffer
	d.Stdout, d.Stderr = &logs, &logs
	if err := d.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		d.Process.Signal(syscall.SIGTERM)
		d.Wait()
	})
	var conn *dbus.Conn
	deadline := time.Now().Add(20 * time.Second)
	for {
		var err error
		if conn, err = dbus.Connect(addr); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the session bus at %s does not answer: %v\n%s", addr, err, logs.String())
		}
		time.Sleep(50 * time.Millisecond) // a poll: the connect decides
	}
	t.Cleanup(func() { conn.Close() })
	n := &notifications{}
	if err := conn.Export(n, "/org/freedesktop/Notifications", "org.freedesktop.Notifications"); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName("org.freedesktop.Notifications", dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own org.freedesktop.Notifications on the session bus: %v (reply %v)", err, reply)
	}
	return addr, n
}
