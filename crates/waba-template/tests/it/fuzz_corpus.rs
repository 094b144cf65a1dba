//! Replays every committed fuzz seed through the same functions the fuzz targets call.

waba_testkit::corpus_tests! {
    template_parse_corpus: "template_parse", at least 1, waba_template::internal::template_parse;
    display_format_corpus: "display_format", at least 1, waba_template::internal::display_format;
    map_query_corpus: "map_query", at least 1, waba_template::internal::map_query;
}
