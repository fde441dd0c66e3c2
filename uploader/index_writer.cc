#include "uploader/index_writer.h"

#include <algorithm>
#include <set>

#include "common/html_escape.h"
#include "common/human_size.h"
#include "common/percent_encode.h"
#include "common/time_format.h"
#include "common/viewer_link.h"

namespace logstow::uploader {

namespace {

struct Folder {
  std::set<std::string> subfolders;  // names, without '/'
  std::vector<const ListedObject*> files;
};

// The page is served from the logs' origin, like any job-written file: a strict policy, no
// inline style or script at all (browsers' own light/dark colours via color-scheme), so nothing
// on it runs and it loads nothing.
constexpr char kPolicy[] =
    "default-src 'none'; img-src 'self'; base-uri 'none'; form-action 'none'";

// Names are the job's: a tab, newline, ESC or DEL in one would show as nothing or break the
// line on the page. They show as Control Pictures (U+2400 + c, DEL U+2421), as in the viewer.
std::string ControlPictures(const std::string& text) {
  std::string out;
  for (char c : text) {
    unsigned code = static_cast<unsigned char>(c);
    if (code >= 0x20 && code != 0x7F) {
      out += c;
      continue;
    }
    unsigned picture = code == 0x7F ? 0x2421 : 0x2400 + code;
    out += static_cast<char>(0xE0 | picture >> 12);
    out += static_cast<char>(0x80 | (picture >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (picture & 0x3F));
  }
  return out;
}

std::string Row(const std::string& css_class, const std::string& href, const std::string& label,
                const std::string& size, const std::string& modified, const std::string& view) {
  return "<tr class=\"" + css_class + "\"><td><a href=\"" + href + "\">" + ControlPictures(label) +
         "</a></td><td class=\"size\">" + size + "</td><td>" + modified + "</td><td>" + view +
         "</td></tr>\n";
}

std::string Page(const std::string& folder, const Folder& content, const IndexContext& context) {
  const std::string title = ControlPictures(EscapeHtml(context.title + folder));
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
      std::string(kPolicy) +
      "\">\n"
      "<meta name=\"referrer\" content=\"no-referrer\">\n"
      "<meta name=\"color-scheme\" content=\"light dark\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"logstow\">\n<title>Index of " +
      title + "</title>\n</head>\n<body>\n<h1>Index of " + title + "</h1>\n";
  if (context.viewer_url) {
    std::string here = context.prefix_url + PercentEncodePath(folder);
    html += "<p><a href=\"" + EscapeHtml(ViewerLink(*context.viewer_url, here)) +
            "\">Open this folder in the log viewer</a></p>\n";
  }
  html +=
      "<table id=\"listing\">\n<thead><tr><th>Name</th><th>Size</th><th>Last modified (UTC)"
      "</th><th></th></tr></thead>\n<tbody>\n";
  if (!folder.empty()) html += Row("parent", "../index.html", "../", "", "", "");
  for (const std::string& sub : content.subfolders) {
    html += Row("folder", PercentEncode(sub) + "/index.html", EscapeHtml(sub) + "/", "-", "", "");
  }
  for (const ListedObject* file : content.files) {
    std::string base = file->name.substr(folder.size());
    std::string view;
    if (context.viewer_url) {
      std::string url = context.prefix_url + PercentEncodePath(file->name);
      view = "<a href=\"" + EscapeHtml(ViewerLink(*context.viewer_url, url)) + "\">view</a>";
    }
    if (file->segments > 0) {
      // Written once by the job; stays true after finalize (the object is a large object).
      view += std::string(view.empty() ? "" : " ") + "<span class=\"segmented\">segmented (" +
              std::to_string(file->segments) + " parts, joined after the job)</span>";
    }
    html += Row("file", PercentEncode(base), EscapeHtml(base), HumanSize(file->size_bytes),
                FormatUnixTimeUtc(file->mtime_unix_s), view);
  }
  html += "</tbody>\n</table>\n</body>\n</html>\n";
  return html;
}

}  // namespace

std::map<std::string, std::string> BuildIndexes(const std::vector<ListedObject>& landed,
                                                const IndexContext& context,
                                                const std::vector<std::string>& skip) {
  std::map<std::string, Folder> folders;
  folders[""];
  for (const ListedObject& object : landed) {
    size_t start = 0;
    for (size_t slash = object.name.find('/'); slash != std::string::npos;
         slash = object.name.find('/', slash + 1)) {
      std::string parent = object.name.substr(0, start);
      folders[parent].subfolders.insert(object.name.substr(start, slash - start));
      start = slash + 1;
      folders[object.name.substr(0, start)];
    }
    folders[object.name.substr(0, start)].files.push_back(&object);
  }
  std::map<std::string, std::string> pages;
  for (auto& [folder, content] : folders) {
    if (std::find(skip.begin(), skip.end(), folder) != skip.end()) continue;
    std::sort(content.files.begin(), content.files.end(),
              [](const ListedObject* a, const ListedObject* b) { return a->name < b->name; });
    pages[folder] = Page(folder, content, context);
  }
  return pages;
}

}  // namespace logstow::uploader
