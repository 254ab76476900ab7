extension Pages {
    static let home = """
        <!doctype html><title>home</title>
        """
}
