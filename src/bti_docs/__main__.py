from bti_docs.cli import main

raise SystemExit(main())
