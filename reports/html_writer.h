// The run as one self-contained HTML page: inline CSS, no JavaScript, no external resource.
//
// Content: a header with the client and the summary counts; a table of scenarios with coloured
// status badges (PASSED green, FAILED red, ERROR orange, SKIPPED grey, WARNING amber); then one
// <section> per scenario holding a <details> element, open for FAILED and ERROR scenarios and
// closed otherwise, with what the scenario teaches, its checks (id, description verbatim,
// status, message, evidence, reference; failed and warned rows tinted), how the client ended
// and its output, a sequence diagram of the exchanges as inline SVG (sequence_diagram.h), and
// the transcript of exchanges with request and response headers and bodies in <pre>.
//
// The page is built as a pugixml DOM and serialised as XML after "<!DOCTYPE html>", so escaping
// is the library's and the text after the DOCTYPE line parses as XML. Non-void elements are
// never written self-closed ("<td></td>", not "<td />", which HTML parsers would leave open);
// void elements are ("<meta ... />"). Text XML cannot hold is made safe with XmlSafe.
#ifndef SFH_REPORTS_HTML_WRITER_H_
#define SFH_REPORTS_HTML_WRITER_H_

#include <string>

#include "harness/runner/result.h"

namespace sfh::reports {

// The whole page, UTF-8, starting with "<!DOCTYPE html>\n".
std::string ReportHtml(const harness::RunResult& run);

}  // namespace sfh::reports

#endif  // SFH_REPORTS_HTML_WRITER_H_
