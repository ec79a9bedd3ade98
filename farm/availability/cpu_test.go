package availability

import (
	"fmt"
	"os"
	"strconv"
	"testing"
)

// TestProcCPUOwn reads a /proc laid out as Linux does: the node's own time
// is its process group's, its exited children's, and its containers'
// processes'; the owner's processes are not.
func TestProcCPUOwn(t *testing.T) {
	root := t.TempDir()
	pgid, self := processGroup(), os.Getpid()
	const container = "4f1c2b9a7d3e4f1c2b9a7d3e4f1c2b9a7d3e4f1c2b9a7d3e4f1c2b9a7d3e4f1c"
	writeFile(t, root+"/stat", "cpu  100 5 50 800 20 1 2 3 0 0\ncpu0 1 1 1 1 1 1 1 1 0 0\n")
	// pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
	stat := func(comm string, pgrp, utime, stime, cutime, cstime int) string {
		return fmt.Sprintf("1 (%s) S 1 %d 1 0 -1 0 0 0 0 0 %d %d %d %d 20 0 1 0 0 0 0\n", comm, pgrp, utime, stime, cutime, cstime)
	}
	procs := []struct {
		pid    int
		stat   string
		cgroup string
	}{
		{self, stat("conun", pgid, 10, 5, 7, 3), "0::/user.slice\n"},            // 10+5 and children's 7+3
		{900001, stat("blender (render) x", pgid, 20, 0, 99, 99), "0::/user\n"}, // a render child: 20, not its children
		{900002, stat("yes", pgid+1, 40, 0, 0, 0), "0::/user.slice\n"},          // the owner's
		{900003, stat("pathtracer", 1, 6, 4, 0, 0), "12:cpuacct:/docker/" + container + "\n"},
	}
	for _, p := range procs {
		dir := root + "/" + strconv.Itoa(p.pid)
		writeFile(t, dir+"/stat", p.stat)
		writeFile(t, dir+"/cgroup", p.cgroup)
	}
	s, err := ProcCPU{Root: root, Containers: func() []string { return []string{container} }}.SampleCPU()
	if err != nil {
		t.Fatal(err)
	}
	want := CPUSample{Total: 100 + 5 + 50 + 800 + 20 + 1 + 2 + 3, Busy: 100 + 5 + 50 + 1 + 2 + 3, Own: 10 + 5 + 7 + 3 + 20 + 6 + 4}
	if s != want {
		t.Errorf("sample %+v, want %+v", s, want)
	}
	s, _ = ProcCPU{Root: root}.SampleCPU()
	if want.Own -= 10; s.Own != want.Own {
		t.Errorf("without the containers listed: own %d, want %d", s.Own, want.Own)
	}
}

func FuzzParsePidStat(f *testing.F) {
	f.Add([]byte("1 (a b) c) S 1 2 1 0 -1 0 0 0 0 0 1 2 3 4 20 0 1 0\n"))
	f.Add([]byte("1 (x"))
	f.Fuzz(func(t *testing.T, b []byte) {
		parsePidStat(b) // must not panic
		parseProcStat(b)
	})
}
