"""Article references in Chinese: one reader for the drafter (Chinese figures) and the legal-basis report (Arabic figures)."""
import pytest

from mlakb.common.articles import article_zh, chinese_number


@pytest.mark.parametrize("n, words", [(1, "一"), (10, "十"), (15, "十五"), (20, "二十"), (47, "四十七"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (246, "二百四十六")])
def test_numbers_read_as_a_chinese_legal_text_writes_them(n, words):
    assert chinese_number(n) == words


@pytest.mark.parametrize("article, chinese, arabic", [
    ("18(7)", "第十八条第七款", "第18条第7款"),
    ("46", "第四十六条", "第46条"),
    ("16(4)-(5)", "第十六条第四款至第五款", "第16条第4款至第5款"),
    ("2(1)(a)", "第二条第一款(a)项", "第2条第1款(a)项"),
])
def test_both_styles_read_the_same_reference(article, chinese, arabic):
    assert article_zh(article) == chinese
    assert article_zh(article, figures="arabic") == arabic


def test_an_unknown_form_is_kept_as_written_rather_than_guessed():
    assert article_zh("25(2)-(3)bis") == "第25(2)-(3)bis条"
