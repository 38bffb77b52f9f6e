package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// printSummary writes the result for a person to read.
func printSummary(w io.Writer, r *result) {
	how := "running server"
	if r.Spawned {
		how = "spawned server"
	}
	fmt.Fprintf(w, "nbload: %d groups on %d grids, %d residents each; %s %g msg/s for %gs; mix %s; seed %d\n",
		r.Groups, r.Grids, r.Residents, r.Arrivals, r.Rate, r.DurationS, r.Mix, r.Seed)
	fmt.Fprintf(w, "target:   %s %s (pid %d); set-up %.1f s\n", how, r.Server, r.PID, r.SetupS)
	if r.Platform == "telegram" {
		fmt.Fprintf(w, "telegram: messages by webhook, answers sent to nbload's fake Bot API; %d sends refused with 429\n", r.TelegramRefused)
	}
	if r.ServerExit != "" {
		fmt.Fprintf(w, "WARNING:  %s: the figures below stop there\n", r.ServerExit)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "rate:     offered %.1f/s, accepted %.1f/s, handled %.1f/s (%d posts); late starts %d (max lag %.0f ms); drain %.1f s\n",
		r.OfferedPS, r.AcceptedPS, r.HandledPS, r.Handled, r.Late, r.MaxLagMS, r.DrainS)
	fmt.Fprintf(w, "answer:   %s (POST → the answer in the group)\n", latency(r.Latency))
	fmt.Fprintf(w, "read:     %s (POST → the answer read by nbload)\n", latency(r.Read))
	fmt.Fprintf(w, "POST:     %s\n", latency(r.Post))
	fmt.Fprintf(w, "answers:  lost %d, doubled %d, late %d, unawaited %d, refused %d; new cases %d, joined to a case %d\n",
		r.Lost, r.Doubled, r.LateAnswer, r.Unawaited, r.Refused, r.NewCases, r.Joined)
	if r.OutboxPending >= 0 {
		fmt.Fprintf(w, "outbox:   %d replies still queued at the end (answers they would give are late, not lost)\n", r.OutboxPending)
	}
	fmt.Fprintf(w, "chitchat: %d sampled, %d answered\n", r.ChitChecked, r.ChitAnswered)
	fmt.Fprintf(w, "errors:   %s\n", errorList(r.Errors))
	fmt.Fprintf(w, "reads:    %d long polls, %d plain reads (%.0f/s over the run)\n",
		r.LongPolls, r.PlainPolls, float64(r.LongPolls+r.PlainPolls)/(r.DurationS+r.DrainS))
	fmt.Fprintf(w, "server:   RSS peak %.1f MB, last %.1f MB; CPU %.0f %% of one core (busiest second %.0f %%)\n",
		r.ServerRSSPeakMB, r.ServerRSSLastMB, r.ServerCPU, r.ServerCPUMax)
	fmt.Fprintf(w, "nbload:   CPU %.0f %% of one core, RSS peak %.1f MB; machine load average %.1f → %.1f\n",
		r.ClientCPU, r.ClientRSSPeakMB, r.LoadAvg[0], r.LoadAvg[1])
	for _, e := range r.Examples {
		fmt.Fprintf(w, "  e.g. %s\n", e)
	}

	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\toffered\tsent\tfailed\tanswered\tlost\tp50 ms\tp99 ms\t")
	for _, k := range kindNames {
		if kr, ok := r.Kinds[k]; ok {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%.1f\t%.1f\t\n", k, kr.Offered, kr.Sent, kr.Failed, kr.Answered, kr.Lost, kr.P50, kr.P99)
		}
	}
	tw.Flush()

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "t s\toffered/s\tsent/s\thandled/s\tanswers/s\tfailed\tlost\tp50 ms\tp99 ms\tmax ms\tRSS MB\tserver CPU %\tnbload CPU %\t")
	for _, p := range r.Series {
		fmt.Fprintf(tw, "%.0f\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.0f\t%.0f\t\n", p.T, p.OfferedPS, p.SentPS,
			p.HandledPS, p.AnswersPS, p.Failed, p.Lost, p.P50, p.P99, p.Max, p.RSSMB, p.ServerCPU, p.ClientCPU)
	}
	tw.Flush()
}

func latency(s summary) string {
	return fmt.Sprintf("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", s.P50, s.P95, s.P99, s.Max, s.N)
}

func errorList(m map[string]int64) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
