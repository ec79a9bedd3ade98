package availability

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// CPUSample is a cumulative reading of the machine's CPU time, in clock
// ticks: Total over every CPU and state, Busy the part not idle, Own the
// part spent by this node and its renders (which must not count as the
// owner using the machine).
type CPUSample struct {
	Total, Busy, Own uint64
}

// CPUSampler reads the machine's cumulative CPU time.
type CPUSampler interface {
	SampleCPU() (CPUSample, error)
}

// OthersShare is the fraction (0 to 1) of all CPU time between a and b
// that processes other than the node's own used.
func OthersShare(a, b CPUSample) float64 {
	if b.Total <= a.Total {
		return 0
	}
	busy := float64(b.Busy) - float64(a.Busy)
	own := float64(b.Own) - float64(a.Own)
	others := max(busy-max(own, 0), 0)
	return min(others/float64(b.Total-a.Total), 1)
}

// ProcCPU reads /proc: the machine's time from /proc/stat, and its own as
// the CPU time of every process in this process's process group (a node's
// renderer children stay in it), plus what this process's exited children
// used. Renders that run inside Docker containers are children of dockerd,
// not of the node: a process whose /proc/PID/cgroup names one of
// Containers' ids counts as the node's too (cgroup v1 and v2 alike).
// Processes that ended between two samples take their time with them:
// the next share may read a little high, never negative.
type ProcCPU struct {
	// Root is the proc file system's mount ("/proc" when empty).
	Root string
	// Containers, when set, lists the ids of the node's render
	// containers; it is called at each sample.
	Containers func() []string
}

var _ CPUSampler = ProcCPU{}

// userHZ is the kernel's clock tick for /proc times: 100 on every Linux
// the Go runtime supports (sysconf(_SC_CLK_TCK) needs cgo).
const userHZ = 100

// SampleCPU reads the cumulative times.
func (p ProcCPU) SampleCPU() (CPUSample, error) {
	root := p.Root
	if root == "" {
		root = "/proc"
	}
	b, err := os.ReadFile(filepath.Join(root, "stat"))
	if err != nil {
		return CPUSample{}, fmt.Errorf("read CPU time: %w", err)
	}
	var s CPUSample
	s.Total, s.Busy, err = parseProcStat(b)
	if err != nil {
		return CPUSample{}, err
	}
	pgid := processGroup()
	self := os.Getpid()
	var containers []string
	if p.Containers != nil {
		containers = p.Containers()
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		return CPUSample{}, fmt.Errorf("list processes: %w", err)
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join(root, e.Name(), "stat"))
		if err != nil {
			continue // ended meanwhile
		}
		st, err := parsePidStat(b)
		if err != nil {
			continue
		}
		if st.pgrp != pgid && pid != self && !inContainer(filepath.Join(root, e.Name(), "cgroup"), containers) {
			continue
		}
		s.Own += st.utime + st.stime
		if pid == self {
			s.Own += st.cutime + st.cstime
		}
	}
	return s, nil
}

// parseProcStat reads the "cpu" line of /proc/stat: user nice system idle
// iowait irq softirq steal (guest time is already in user and nice).
func parseProcStat(b []byte) (total, busy uint64, err error) {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	f := strings.Fields(string(line))
	if len(f) < 5 || f[0] != "cpu" {
		return 0, 0, errors.New("/proc/stat: no cpu line")
	}
	var v [8]uint64
	for i := 1; i < len(f) && i <= 8; i++ {
		if v[i-1], err = strconv.ParseUint(f[i], 10, 64); err != nil {
			return 0, 0, fmt.Errorf("/proc/stat: field %d %q: %w", i, f[i], err)
		}
	}
	for _, x := range v {
		total += x
	}
	idle := v[3] + v[4] // idle and iowait
	return total, total - idle, nil
}

type pidStat struct {
	pgrp                         int
	utime, stime, cutime, cstime uint64
}

// parsePidStat reads /proc/PID/stat; the command name may hold spaces and
// parentheses, so fields are counted from its last ')'.
func parsePidStat(b []byte) (pidStat, error) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return pidStat{}, errors.New("no command name")
	}
	f := strings.Fields(string(b[i+1:]))
	// After the name: state(0) ppid(1) pgrp(2) ... utime(11) stime(12) cutime(13) cstime(14).
	if len(f) < 15 {
		return pidStat{}, errors.New("short stat line")
	}
	var st pidStat
	var err error
	if st.pgrp, err = strconv.Atoi(f[2]); err != nil {
		return pidStat{}, err
	}
	nums := []*uint64{&st.utime, &st.stime, &st.cutime, &st.cstime}
	for k, p := range nums {
		n, err := strconv.ParseInt(f[11+k], 10, 64)
		if err != nil {
			return pidStat{}, err
		}
		*p = uint64(max(n, 0))
	}
	return st, nil
}

// inContainer reports whether the cgroup file of a process names one of
// the container ids.
func inContainer(cgroupFile string, ids []string) bool {
	if len(ids) == 0 {
		return false
	}
	b, err := os.ReadFile(cgroupFile)
	if err != nil {
		return false
	}
	for _, id := range ids {
		if len(id) >= 12 && bytes.Contains(b, []byte(id)) {
			return true
		}
	}
	return false
}
