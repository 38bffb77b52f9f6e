package main

import (
	"net"
	"strings"

	nb "github.com/neighborbot/neighborbot"
	"github.com/neighborbot/neighborbot/config"
	"github.com/neighborbot/neighborbot/handlers"
	"github.com/neighborbot/neighborbot/intake"
	"github.com/neighborbot/neighborbot/internal/media"
	"github.com/neighborbot/neighborbot/web"
)

// deskConfig builds the officers' desk over db, acting through the chat's
// own case and broadcast services (parts), so that the groups see the same
// posts; wake tells the delivery workers of what the desk queued.
func deskConfig(cfg config.Config, db nb.Store, parts engineParts, wake func()) web.DeskConfig {
	phrases := handlers.NewPhrases(parts.hcfg)
	return web.DeskConfig{
		Notices:       handlers.NewDeskNotices(parts.hcfg, parts.hcfg.Broadcasts),
		Wake:          wake,
		Media:         media.Photos{nb.PlatformWeChat: media.Dir(cfg.WeChat.MediaDir)},
		Store:         db,
		Cases:         parts.cases,
		SecureCookies: cfg.Dashboard.SecureCookie || strings.HasPrefix(cfg.Dashboard.URL, "https://"),
		SessionTTL:    cfg.Dashboard.SessionTTL.Duration,
		Location:      location(cfg),
		BasicWeight:   cfg.Rating.BasicWeight,
		ResponseLimit: cfg.TimeLimits.Acceptance.Duration,
		Categories:    categoryNames(cfg),
		Report:        phrases.Report,
	}
}

// deskURL is the desk's address for the bot's login links: dashboard.url,
// else http_addr when it names one host and port ("" = the bot sends the
// code without a link).
func deskURL(cfg config.Config) string {
	if !cfg.Dashboard.Enabled {
		return ""
	}
	if cfg.Dashboard.URL != "" {
		return cfg.Dashboard.URL
	}
	host, port, err := net.SplitHostPort(cfg.HTTPAddr)
	if ip := net.ParseIP(host); err != nil || host == "" || port == "0" || (ip != nil && ip.IsUnspecified()) {
		return ""
	}
	return "http://" + cfg.HTTPAddr
}

// categoryNames are the configured categories, or the built-in taxonomy's.
func categoryNames(cfg config.Config) []string {
	var names []string
	for _, c := range cfg.Categories {
		names = append(names, c.Name)
	}
	if len(names) == 0 {
		for _, c := range intake.DefaultTaxonomy() {
			names = append(names, c.Name)
		}
	}
	return names
}
