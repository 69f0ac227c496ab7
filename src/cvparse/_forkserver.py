"""What the batch pool's forkserver loads before it forks any worker (see :mod:`cvparse.batch`).

Importing this module *does work on purpose*: it is imported only by the forkserver process
(``set_forkserver_preload``), never by ``import cvparse``. Every worker is forked from that
process, so whatever is built here is inherited (copy-on-write) instead of being rebuilt by
each worker: the pipeline's modules, and the vocabularies and matchers the extractors build
on first use (the skills matcher alone is ~0.15 s). Without it a 2-worker batch of 45 files
spent most of its first second building the same tables twice.

The warm-up parses a small made-up résumé that reaches the common vocabularies (headings,
labels, schools, companies, degrees, places, dates, skills) and loads the default PDF engine's
bindings. A failure here only costs the speed-up: the forkserver must start regardless.
"""

from __future__ import annotations

import contextlib
import gc

_RESUME = """张三
男 | 1998年5月 | 汉族 | 中共党员 | 13800138000 | zhangsan@example.com | 现居：北京
求职意向：Python 开发工程师 | 期望城市：上海
教育经历
2016.09-2020.06 北京大学 本科 计算机科学与技术
工作经历
2020.07-至今 北京字节跳动科技有限公司 后端开发工程师
负责推荐系统服务开发，技术栈：Python、Go、MySQL、Redis、Kafka
项目经历
2021.03-2021.12 广告投放平台 核心开发
专业技能
熟练使用 Python、Java、C++，熟悉 Linux、Docker、Kubernetes、PyTorch
获奖情况
2019 全国大学生数学建模竞赛 一等奖
证书
英语六级（CET-6）
自我评价
热爱技术，责任心强。

John Smith
Software Engineer | john@example.com | +1 415 555 0100 | San Francisco, CA
EDUCATION
Stanford University, B.S. in Computer Science, 2014 - 2018
EXPERIENCE
Google LLC, Software Engineer, Jan 2019 - Present
SKILLS
Python, TypeScript, React, AWS, PostgreSQL
"""


def _warm_up() -> None:
    with contextlib.suppress(Exception):
        from .pipeline import parse_text_with_evidence

        parse_text_with_evidence(_RESUME)
    with contextlib.suppress(Exception):
        import pypdfium2  # noqa: F401  (the default engine's bindings)

        from .intake import pdf  # noqa: F401  (layout, page model, engines)
    # Everything built so far lives as long as the workers: out of the collector's sight, the
    # workers neither scan it nor copy its pages by touching their GC headers.
    gc.freeze()


_warm_up()
