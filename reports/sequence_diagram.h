// A scenario's transcript drawn as an SVG sequence diagram, for the HTML report.
//
// Lanes, left to right: "Client", then the hosts the transcript uses, in the order "My Domain",
// "login.salesforce.com", "test.salesforce.com", "legacy instance" (any other host value gets a
// lane of its own, labelled verbatim, after these). Each exchange, in journal order, is a solid
// arrow from the client to its host labelled "METHOD path" (query cut, long paths shortened with
// "…"; the full request line is the exchange's <title>, a tooltip) and a dashed return arrow
// labelled with the status, or "no answer" when none was sent. 2xx/3xx answers are green,
// 4xx/5xx red, no answer orange. Beside each exchange, in a notes column, text markers that read
// without colour: "⚡ fault: NAME" for the fault that fired on it and "✗ CheckId" (FAILED) or
// "⚠ CheckId" (WARNING) for every check whose evidence names it by sequence number
// (Evidence::exchange == TranscriptEntry::seq); such rows are tinted too. FAILED and WARNING
// checks that name no drawn exchange are listed under the diagram.
//
// At most `max_exchanges` exchanges are drawn, the first ones; then a line says
// "… N more exchanges in the transcript below".
//
// The <svg> has role="img", an aria-label and a <title> that summarise it ("Sequence of 5
// exchanges: client to My Domain and login.salesforce.com"). It is styled only with SVG
// presentation attributes (no <style>, no style attribute, no script, no id, no external font),
// so it needs nothing a strict Content-Security-Policy would refuse, and several diagrams can
// share one page. Classes, all prefixed "sd-" so page CSS does not reach them, name the parts:
// g.sd-lane, g.sd-exchange (data-seq: the exchange's sequence number) holding g.sd-request,
// g.sd-response and text.sd-note markers, rect.sd-tint, text.sd-footnote. Text goes through
// pugixml and XmlSafe, never concatenated into markup. The output depends on the transcript and
// checks only (no time), so it is stable for golden files.
#ifndef SFH_REPORTS_SEQUENCE_DIAGRAM_H_
#define SFH_REPORTS_SEQUENCE_DIAGRAM_H_

#include <cstddef>
#include <pugixml.hpp>

#include "harness/runner/result.h"

namespace sfh::reports {

inline constexpr size_t kMaxDiagramExchanges = 60;

// Appends one <svg class="sequence-diagram"> element to `parent` drawing `scenario`'s transcript
// and the checks that name its exchanges. Appends nothing when the transcript is empty. Pure: no
// I/O.
void AppendSequenceDiagram(pugi::xml_node parent, const harness::ScenarioResult& scenario,
                           size_t max_exchanges = kMaxDiagramExchanges);

}  // namespace sfh::reports

#endif  // SFH_REPORTS_SEQUENCE_DIAGRAM_H_
