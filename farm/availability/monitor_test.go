package availability

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// fakeCPU hands out readings whose deltas give the shares the test sets.
type fakeCPU struct {
	s   CPUSample
	err error
}

// use advances the counters by 100 ticks of which others used share.
func (f *fakeCPU) use(others, own float64) {
	f.s.Total += 100
	f.s.Busy += uint64((others + own) * 100)
	f.s.Own += uint64(own * 100)
}

func (f *fakeCPU) SampleCPU() (CPUSample, error) { return f.s, f.err }

type clock struct{ t time.Time }

func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }
func noInput(context.Context) (time.Duration, error) {
	return 0, ErrNoInputIdle
}

func TestMonitorIdle(t *testing.T) {
	clk := &clock{t: at(time.Monday, "12:00")}
	cpu := &fakeCPU{}
	battery := false
	input := noInput
	m := New(Config{
		Mode: Mode{Idle: true}, IdleCPU: 0.25, IdleAfter: time.Minute, Now: clk.now, CPU: cpu,
		InputIdle: func(ctx context.Context) (time.Duration, error) { return input(ctx) },
		OnBattery: func() (bool, error) { return battery, nil },
	})
	ctx := context.Background()
	steps := []struct {
		name          string
		others, own   float64
		advance       time.Duration
		battery       bool
		input         time.Duration // 0: unknown
		wantAvailable bool
		wantReason    string
	}{
		{name: "first sample", advance: 0, wantReason: "not measured"},
		{name: "quiet but not long enough", others: 0.1, advance: 30 * time.Second, wantReason: "renders after 1m0s idle"},
		{name: "quiet a whole minute", others: 0.1, advance: 31 * time.Second, wantAvailable: true},
		{name: "own renders do not count", others: 0.1, own: 0.9, advance: 5 * time.Second, wantAvailable: true},
		{name: "owner starts working", others: 0.63, advance: 5 * time.Second, wantReason: "owner active: CPU 63% > 25%"},
		{name: "owner stops, the wait starts over", others: 0, advance: 59 * time.Second, wantReason: "CPU 63% > 25% (59s ago"},
		{name: "idle again", others: 0, advance: 2 * time.Second, wantAvailable: true},
		{name: "on battery", advance: time.Second, battery: true, wantReason: "on battery"},
		{name: "back on mains", advance: time.Second, wantAvailable: true},
		{name: "keyboard used 10s ago", advance: time.Second, input: 10 * time.Second, wantReason: "keyboard or mouse"},
		{name: "keyboard left alone", advance: time.Minute, input: 70 * time.Second, wantAvailable: true},
	}
	for _, s := range steps {
		cpu.use(s.others, s.own)
		clk.add(s.advance)
		battery = s.battery
		input = noInput
		if s.input > 0 {
			d := s.input
			input = func(context.Context) (time.Duration, error) { return d, nil }
		}
		got := m.Check(ctx)
		if got.Available != s.wantAvailable || !strings.Contains(got.Reason, s.wantReason) {
			t.Fatalf("%s: state %+v, want available %v with reason containing %q", s.name, got, s.wantAvailable, s.wantReason)
		}
	}
	if got := m.SetPaused(true); got.Available || got.Reason != "paused by owner" {
		t.Errorf("paused: %+v", got)
	}
	if got := m.SetPaused(false); !got.Available {
		t.Errorf("resumed: %+v", got)
	}
	cpu.err = errors.New("no /proc")
	clk.add(time.Second)
	if got := m.Check(ctx); got.Available || !strings.Contains(got.Reason, "unknown") {
		t.Errorf("unreadable CPU: %+v, want unavailable", got)
	}
}

func TestMonitorSchedule(t *testing.T) {
	sched, err := ParseSchedule("mon-fri 22:00-08:00")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		at   time.Time
		want State
	}{
		{at(time.Monday, "21:59"), State{Reason: "outside schedule mon-fri 22:00-08:00"}},
		{at(time.Monday, "22:00"), State{Available: true}},
		{at(time.Tuesday, "07:00"), State{Available: true}},
		{at(time.Saturday, "12:00"), State{Reason: "outside schedule mon-fri 22:00-08:00"}},
	}
	for _, tc := range tests {
		clk := &clock{t: tc.at}
		m := New(Config{Mode: Mode{Schedule: true}, Schedule: sched, Now: clk.now})
		if got := m.Check(context.Background()); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.at.Format("Mon 15:04"), got, tc.want)
		}
	}
}

func TestParseMode(t *testing.T) {
	tests := []struct {
		in      string
		want    Mode
		wantErr string
	}{
		{"always", Always, ""},
		{"idle", Mode{Idle: true}, ""},
		{"schedule", Mode{Schedule: true}, ""},
		{"idle,schedule", Mode{Idle: true, Schedule: true}, ""},
		{"always,idle", Mode{}, "cannot be combined"},
		{"nights", Mode{}, `"nights"`},
	}
	for _, tc := range tests {
		got, err := ParseMode(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseMode(%q) = %v, want an error naming %s", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want || got.String() != tc.in {
			t.Errorf("ParseMode(%q) = %+v (%s), %v", tc.in, got, got, err)
		}
	}
}

func TestOnBattery(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  bool
	}{
		{"no supplies", nil, false},
		{"mains online", map[string]string{"AC/type": "Mains\n", "AC/online": "1\n", "BAT0/type": "Battery\n"}, false},
		{"mains offline", map[string]string{"AC/type": "Mains\n", "AC/online": "0\n", "BAT0/type": "Battery\n"}, true},
		{"battery only: a UPS or a phone, no mains to lose", map[string]string{"BAT0/type": "Battery\n", "BAT0/online": "0\n"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			for name, body := range tc.files {
				writeFile(t, root+"/"+name, body)
			}
			got, err := OnBattery(root)
			if err != nil || got != tc.want {
				t.Errorf("OnBattery = %v, %v, want %v", got, err, tc.want)
			}
		})
	}
}
