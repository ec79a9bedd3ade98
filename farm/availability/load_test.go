//go:build unix

package availability

import (
	"context"
	"os"
	"os/exec"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// TestMain turns the test binary into a busy loop when asked: the
// synthetic owner's load of the tests below, a process of its own.
func TestMain(m *testing.M) {
	if os.Getenv("CONUN_BUSY_LOOP") == "1" {
		for x := 0; ; x++ {
			_ = x * x
		}
	}
	os.Exit(m.Run())
}

// busy starts n busy loops; ownGroup keeps them in this process's group,
// as a node's renders are, else they are another group's (the owner's).
func busy(t *testing.T, n int, ownGroup bool) func() {
	t.Helper()
	var cmds []*exec.Cmd
	for range n {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "CONUN_BUSY_LOOP=1")
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: !ownGroup}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	stop := func() {
		for _, c := range cmds {
			c.Process.Kill()
			c.Wait()
		}
		cmds = nil
	}
	t.Cleanup(stop)
	return stop
}

// waitState checks m until want's availability holds or the deadline.
func waitState(t *testing.T, m *Monitor, available bool, within time.Duration) State {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		s := m.Check(context.Background())
		if s.Available == available {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("still %+v after %v, want available %v", s, within, available)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestIdleWithRealLoad(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("NOT TESTED: needs Linux's /proc")
	}
	const threshold = 0.75
	// The machine is shared: when others already use most of it, no
	// load of ours can show a change. make test runs this test alone after
	// the others; give the last of them half a minute to end.
	var base float64
	for quiet := time.Now().Add(30 * time.Second); ; {
		a, err := ProcCPU{}.SampleCPU()
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Second)
		b, _ := ProcCPU{}.SampleCPU()
		if base = OthersShare(a, b); base <= threshold/2 {
			break
		}
		if time.Now().After(quiet) {
			t.Skipf("NOT TESTED: needs a machine under %.0f%% CPU use by others (it stayed at %.0f%% for 30s)", threshold*50, base*100)
		}
	}
	t.Logf("others use %.0f%% of the machine before our load", base*100)
	m := New(Config{Mode: Mode{Idle: true}, IdleCPU: threshold, IdleAfter: time.Second, InputIdle: noInput,
		OnBattery: func() (bool, error) { return false, nil }})
	waitState(t, m, true, 30*time.Second)

	stop := busy(t, runtime.NumCPU(), false)
	s := waitState(t, m, false, 30*time.Second)
	t.Logf("under the owner's load: %+v", s)
	stop()
	waitState(t, m, true, 60*time.Second)
}

func TestOwnRendersCountAsOwn(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("NOT TESTED: needs Linux's /proc")
	}
	a, err := ProcCPU{}.SampleCPU()
	if err != nil {
		t.Fatal(err)
	}
	stop := busy(t, 1, true)
	// Half a core for a second, at least, must show as the node's own.
	deadline := time.Now().Add(30 * time.Second)
	for {
		time.Sleep(200 * time.Millisecond)
		b, err := ProcCPU{}.SampleCPU()
		if err != nil {
			t.Fatal(err)
		}
		if b.Own-a.Own >= userHZ/2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a busy child in the node's process group added %d ticks of own time in 30s", b.Own-a.Own)
		}
	}
	stop()
}
