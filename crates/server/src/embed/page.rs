//! The HTML of `/embed/{widget}` and of its error pages: GOV.UK Frontend styles (the server's own
//! stylesheet), no header or footer, since the host page around the frame has its own.

use super::{Settings, WIDGETS, Widget, setting_names};
use crate::inbox::form_title;
use crate::staff::esc;

/// The whole page: the widget's element, the entry that defines it, and the height reporter.
pub fn widget(widget: &Widget, settings: &Settings, ancestors: &[&str]) -> String {
    let mut attributes = String::new();
    if let Some(profile) = &settings.profile {
        attributes.push_str(&format!(" profile=\"{}\"", esc(profile)));
    }
    if let Some(zone) = &settings.time_zone {
        attributes.push_str(&format!(" time-zone=\"{}\"", esc(zone)));
    }
    let head = format!(
        "<meta name=\"careform-frame-ancestors\" content=\"{}\">\
         <script type=\"module\" src=\"/widgets/careform.js\"></script>\
         <script type=\"module\" src=\"/embed/assets/frame.js\"></script>",
        esc(&ancestors.join(" "))
    );
    let body = format!(
        "<careform-{id}{attributes}></careform-{id}>\
         <noscript><p class=\"govuk-body\">This form needs JavaScript. Turn it on, or ask the council for another way to send it.</p></noscript>",
        id = widget.id
    );
    document(&title(widget.id), &head, &body)
}

/// The 404 page for a widget id nobody defines: what exists instead.
pub fn not_found(asked: &str) -> String {
    let list: String =
        WIDGETS.iter().map(|w| format!("<li><code>/embed/{}</code>: {}</li>", w.id, esc(&form_title(w.id)))).collect();
    let body = format!(
        "<h1 class=\"govuk-heading-l\">Page not found</h1>\
         <p class=\"govuk-body\">There is no Careform widget called <code>{}</code>. The widgets are:</p>\
         <ul class=\"govuk-list govuk-list--bullet\">{list}</ul>",
        esc(asked)
    );
    document("Page not found – Careform", "", &body)
}

/// The 400 page for settings that cannot be used: each problem, and what the widget takes.
pub fn bad_settings(widget: &Widget, problems: &[String]) -> String {
    let items: String = problems.iter().map(|p| format!("<li>{}</li>", esc(p))).collect();
    let body = format!(
        "<h1 class=\"govuk-heading-l\">There is a problem with this embed address</h1>\
         <ul class=\"govuk-list govuk-list--bullet\">{items}</ul>\
         <p class=\"govuk-body\">The settings of <code>/embed/{id}</code> are query parameters: {names}. \
         Leave a setting out to use its default.</p>",
        id = widget.id,
        names = setting_names(widget).iter().map(|n| format!("<code>{n}</code>")).collect::<Vec<_>>().join(", ")
    );
    document(&format!("There is a problem – {}", title(widget.id)), "", &body)
}

fn title(id: &str) -> String {
    format!("{} – Careform", form_title(id))
}

fn document(title: &str, head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/staff/assets/govuk.css\">{head}</head>\
         <body class=\"govuk-template__body\"><main class=\"govuk-!-padding-3\">{body}</main></body></html>",
        title = esc(title)
    )
}
