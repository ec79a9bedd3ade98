package gui

import (
	"sort"
	"strings"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
)

// The new-render form offers only devices and releases some member of the
// cluster advertises, so a job cannot ask for what no node runs.

// AnyChoice is the device and release choice that restricts nothing.
const AnyChoice = "Any"

// DeviceChoices are the device classes ("CPU", "CUDA") the members
// running backend rend advertise, sorted, after AnyChoice.
func DeviceChoices(members []api.Member, rend string) []string {
	seen := map[string]bool{}
	for _, m := range members {
		v, ok := m.Renderers[rend]
		if !ok {
			continue
		}
		seen[deviceClass(renderer.ParseBuild(v))] = true
	}
	out := make([]string, 0, len(seen))
	for d := range seen {
		out = append(out, d)
	}
	sort.Strings(out)
	return append([]string{AnyChoice}, out...)
}

// deviceClass is the class a build draws on, as JobSpec.Device names it:
// "cycles-cpu-avx2" is "CPU", "cycles-optix" "OPTIX"; a build that names
// no Cycles device (the path tracer) runs on the CPU (Build.OnDevice).
func deviceClass(b renderer.Build) string {
	d, ok := strings.CutPrefix(b.Device, "cycles-")
	if !ok || d == "" {
		return "CPU"
	}
	d, _, _ = strings.Cut(d, "-")
	return strings.ToUpper(d)
}

// ReleaseChoices are the releases ("blender-4.3.2") the members running
// rend advertise, the most common first (then by name), after AnyChoice.
func ReleaseChoices(members []api.Member, rend string) []string {
	count := releaseCounts(members, rend)
	out := make([]string, 0, len(count))
	for r := range count {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if count[out[i]] != count[out[j]] {
			return count[out[i]] > count[out[j]]
		}
		return out[i] < out[j]
	})
	return append([]string{AnyChoice}, out...)
}

func releaseCounts(members []api.Member, rend string) map[string]int {
	count := map[string]int{}
	for _, m := range members {
		if v, ok := m.Renderers[rend]; ok {
			count[renderer.ParseBuild(v).Release()]++
		}
	}
	return count
}

// DefaultRelease picks the release the form starts with among choices
// (ReleaseChoices' order): the most common one of the version the scene
// was saved with (saved: "4.3", SceneInfo.MinVersion), so its pixels are
// what the artist saw; else the most common of all; AnyChoice when no
// member advertises one.
func DefaultRelease(choices []string, saved string) string {
	if saved != "" {
		for _, r := range choices {
			if r == AnyChoice {
				continue
			}
			v := renderer.ParseBuild(r).Version
			if v == saved || strings.HasPrefix(v, saved+".") {
				return r
			}
		}
	}
	for _, r := range choices {
		if r != AnyChoice {
			return r
		}
	}
	return AnyChoice
}

// choiceValue is what a choice puts in the form: "" for AnyChoice.
func choiceValue(s string) string {
	if s == AnyChoice {
		return ""
	}
	return s
}
