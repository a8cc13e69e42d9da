"""One article in, attributed quotes out: quote marks, mentions, cues, speakers."""
