package gui

import (
	"image"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// barHeights reads the bars back from a chart image: per day, how many
// pixels of its column above the baseline are filled.
func barHeights(img image.Image) []int {
	out := make([]int, chartDays)
	for i := range out {
		x := i*(chartBarW+chartGap) + chartBarW/2
		for y := 0; y < chartHeight; y++ {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0 {
				out[i]++
			}
		}
	}
	return out
}

func TestEarningsChart(t *testing.T) {
	today := time.Date(2026, 12, 5, 15, 0, 0, 0, time.UTC)
	day := func(back int, tasks int64, earned string) api.DayEarnings {
		d := api.DayEarnings{Day: today.AddDate(0, 0, -back).Format(api.DayLayout)}
		d.Tasks = tasks
		if earned != "" {
			d.Earned = api.MustTokens(earned)
		}
		return d
	}
	tests := []struct {
		name    string
		e       api.Earnings
		want    map[int]int // bar index (29 = today) -> height; others 0
		caption string
	}{
		{"nothing yet", api.Earnings{Connected: true}, nil, "0 in all"},
		{"tokens, exact ratios", api.Earnings{Connected: true, Days: []api.DayEarnings{
			day(0, 9, "0.000000000000000003"), day(1, 1, "0.000000000000000006"), day(29, 5, "0.000000000000000002"),
		}}, map[int]int{29: 30, 28: 60, 0: 20}, "0.000000000000000011 in all"},
		{"a day older than the chart is left out", api.Earnings{Connected: true, Days: []api.DayEarnings{
			day(30, 1, "100"), day(2, 1, "1"),
		}}, map[int]int{27: 60}, "1 in all"},
		{"off a chain: tasks", api.Earnings{Days: []api.DayEarnings{day(0, 4, ""), day(3, 2, "")}}, map[int]int{29: 60, 26: 30}, "6 in all (not on a chain"},
		{"a tiny day still shows", api.Earnings{Days: []api.DayEarnings{day(0, 1000, ""), day(1, 1, "")}}, map[int]int{29: 60, 28: 1}, "1001 in all"},
		{"a day in another form is skipped", api.Earnings{Days: []api.DayEarnings{{Day: "yesterday"}, day(0, 1, "")}}, map[int]int{29: 60}, "1 in all"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, caption := EarningsChart(tc.e, today)
			got := barHeights(img)
			for i, h := range got {
				if h != tc.want[i] {
					t.Errorf("bar %d is %d px, want %d (all: %v)", i, h, tc.want[i], got)
				}
			}
			if !strings.Contains(caption, tc.caption) || !strings.Contains(caption, "2026-11-06 to 2026-12-05") {
				t.Errorf("caption %q, want it to say %q and the span", caption, tc.caption)
			}
		})
	}
}
